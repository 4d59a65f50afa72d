package org.lockbox.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.TestDatabase;
import org.lockbox.testing.Tokens;

/**
 * The order sweep deletes finished orders older than the retention (30 days by default). The test
 * server runs the sweep every two seconds (src/test/liberty/configDropins/overrides/order-sweep.xml).
 */
class OrderSweepIT {

    @Test
    void deletesFinishedOrdersPastTheRetentionAndKeepsTheRest() throws Exception {
        String project = Tokens.newProject();
        String token = Tokens.token("root", project, "admin");
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        String oldActive = insert(project, "ACTIVE", now.minusDays(31));
        String oldError = insert(project, "ERROR", now.minusDays(45));
        String oldPending = insert(project, "PENDING", now.minusDays(60));
        String recentActive = insert(project, "ACTIVE", now.minusDays(29));
        String placed = Lockbox.postJson("/v1/orders", token,
                "{\"type\":\"key\",\"meta\":{\"algorithm\":\"aes\",\"bit_length\":128}}").refId("order_ref");
        // a row the sweep keeps shows the inserted rows are read as orders (an old one may already be gone:
        // the test server sweeps every two seconds)
        assertEquals(200, Lockbox.get("/v1/orders/" + recentActive, token).status(), "the rows are visible as orders");

        Set<String> expected = new TreeSet<>(Set.of(oldPending, recentActive, placed));
        Set<String> remaining = orders(token);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!remaining.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            remaining = orders(token);
        }
        assertEquals(expected, remaining, "old ACTIVE (" + oldActive + ") and ERROR (" + oldError + ") orders go;"
                + " unfinished, recent and new ones stay");
        assertEquals(404, Lockbox.get("/v1/orders/" + oldError, token).status());
    }

    private static Set<String> orders(String token) {
        Set<String> ids = new TreeSet<>();
        for (JsonValue order : Lockbox.get("/v1/orders?limit=100", token).json().getJsonArray("orders")) {
            String ref = order.asJsonObject().getString("order_ref");
            ids.add(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return ids;
    }

    private static String insert(String project, String status, LocalDateTime updated) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (Connection db = TestDatabase.connect();
             PreparedStatement insert = db.prepareStatement("INSERT INTO key_order (id, project_id, order_type, status,"
                     + " meta, creator_id, created, updated) VALUES (?, ?, 'key', ?, '{}', 'sweep-test', ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, project);
            insert.setString(3, status);
            insert.setTimestamp(4, Timestamp.valueOf(updated));
            insert.setTimestamp(5, Timestamp.valueOf(updated));
            insert.executeUpdate();
        }
        return id;
    }
}
