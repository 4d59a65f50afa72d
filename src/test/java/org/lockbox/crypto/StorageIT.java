package org.lockbox.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.TestDatabase;
import org.lockbox.testing.Tokens;

/**
 * Reads the server's database directly: no table holds material in clear (every table the catalogue
 * lists, every column), and wrapped material is bound to its row.
 */
class StorageIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void noTableHoldsTheMaterialInAnyForm() throws SQLException {
        String token = Tokens.token("alice", Tokens.newProject(), "creator");
        byte[] material = random(32);
        String marker = "marker-" + UUID.randomUUID();
        String id = Lockbox.storeBinary(token, material, "\"name\":\"" + marker + "\"");

        List<byte[]> forms = List.of(material, Base64.getEncoder().encode(material),
                HexFormat.of().formatHex(material).getBytes(StandardCharsets.US_ASCII),
                HexFormat.of().withUpperCase().formatHex(material).getBytes(StandardCharsets.US_ASCII));
        boolean markerSeen = false;
        try (Connection db = TestDatabase.connect()) {
            List<String> tables = tables(db);
            assertTrue(tables.stream().anyMatch("secret"::equalsIgnoreCase)
                    && tables.stream().anyMatch("project_kek"::equalsIgnoreCase), "the schema's tables: " + tables);
            for (String table : tables) {
                for (byte[] cell : cells(db, table)) {
                    for (byte[] form : forms) {
                        assertFalse(contains(cell, form), "material found in clear in table " + table);
                    }
                    markerSeen |= contains(cell, marker.getBytes(StandardCharsets.UTF_8));
                }
            }
            assertTrue(markerSeen, "the scan reads the rows it should: the secret's name was not found");
            byte[] wrapped = wrappedMaterial(db, id);
            assertEquals(1 + 12 + material.length + 16, wrapped.length, "format byte, nonce, ciphertext, tag");
        }
    }

    @Test
    void ciphertextCopiedIntoAnotherRowDoesNotUnwrap() throws SQLException {
        String project = Tokens.newProject();
        String token = Tokens.token("alice", project, "creator");
        byte[] materialA = random(32);
        String a = Lockbox.storeBinary(token, materialA, "");
        String b = Lockbox.storeBinary(token, random(32), "");
        String otherProjectToken = Tokens.token("bob", Tokens.newProject(), "creator");
        String c = Lockbox.storeBinary(otherProjectToken, random(32), "");

        try (Connection db = TestDatabase.connect()) {
            copyWrappedMaterial(db, a, b);
            copyWrappedMaterial(db, a, c);
        }
        assertUnwrapRefused(Lockbox.get("/v1/secrets/" + b + "/payload", token), materialA);
        assertUnwrapRefused(Lockbox.get("/v1/secrets/" + c + "/payload", otherProjectToken), materialA);
        assertEquals(32, Lockbox.get("/v1/secrets/" + a + "/payload", token).body().length, "the original still reads");
    }

    @Test
    void eachProjectHasItsOwnWrappedKek() throws SQLException {
        String first = Tokens.newProject();
        String second = Tokens.newProject();
        Lockbox.storeBinary(Tokens.token("alice", first, "creator"), random(32), "");
        Lockbox.storeBinary(Tokens.token("alice", second, "creator"), random(32), "");
        try (Connection db = TestDatabase.connect()) {
            byte[] kek1 = kek(db, first);
            byte[] kek2 = kek(db, second);
            assertEquals(1 + 12 + 32 + 16, kek1.length);
            assertFalse(java.util.Arrays.equals(kek1, kek2));
        }
    }

    private static void assertUnwrapRefused(Reply reply, byte[] foreignMaterial) {
        assertEquals(500, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/json"));
        assertTrue(reply.json().getString("description").contains("integrity"), reply.toString());
        assertNotEquals(Base64.getEncoder().encodeToString(foreignMaterial),
                Base64.getEncoder().encodeToString(reply.body()));
    }

    private static void copyWrappedMaterial(Connection db, String from, String to) throws SQLException {
        try (PreparedStatement update = db.prepareStatement(
                "UPDATE secret SET wrapped_material = ?, kek_version = 1 WHERE id = ?")) {
            update.setBytes(1, wrappedMaterial(db, from));
            update.setString(2, to);
            assertEquals(1, update.executeUpdate());
        }
    }

    private static byte[] wrappedMaterial(Connection db, String id) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT wrapped_material FROM secret WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next());
                return rows.getBytes(1);
            }
        }
    }

    private static byte[] kek(Connection db, String project) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(
                "SELECT wrapped_key FROM project_kek WHERE project_id = ? AND service = 'default'")) {
            select.setString(1, project);
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next(), "the project has a KEK");
                return rows.getBytes(1);
            }
        }
    }

    /** Every table of the schema the server writes to, as the database's own catalogue lists them. */
    private static List<String> tables(Connection db) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = db.getMetaData().getTables(null, db.getSchema(), "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME"));
            }
        }
        return tables;
    }

    /** Every non-null cell of a table, as bytes (binary columns raw, others as UTF-8 text). */
    private static List<byte[]> cells(Connection db, String table) throws SQLException {
        List<byte[]> cells = new ArrayList<>();
        String quote = db.getMetaData().getIdentifierQuoteString();
        try (PreparedStatement select = db.prepareStatement("SELECT * FROM " + quote + table + quote);
             ResultSet rows = select.executeQuery()) {
            ResultSetMetaData columns = rows.getMetaData();
            while (rows.next()) {
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    int type = columns.getColumnType(i);
                    boolean binary = type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY
                            || type == Types.BLOB;
                    byte[] cell = binary ? rows.getBytes(i)
                            : rows.getString(i) == null ? null : rows.getString(i).getBytes(StandardCharsets.UTF_8);
                    if (cell != null) {
                        cells.add(cell);
                    }
                }
            }
        }
        return cells;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
