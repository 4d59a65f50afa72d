package org.lockbox.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.TestDatabase;
import org.lockbox.testing.Tokens;

/** What the rotation integration tests share: stored secrets, concurrent readers, polling and direct database reads. */
final class RotationSupport {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RotationSupport() {
    }

    /** A secret stored through the API, with the token that reads it and the bytes it must read back. */
    record Stored(String service, String project, String token, String id, byte[] material) {
    }

    /** A row of the secret table as stored. */
    record SecretRow(Integer kekVersion, byte[] wrapped) {
    }

    /** A row of the project_kek table as stored. */
    record KekRow(int masterKeyVersion, byte[] wrapped, String status) {
    }

    /** Stores {@code perProject} random 32-byte keys in each of {@code projects} new projects, under a service. */
    static List<Stored> store(String service, int projects, int perProject) {
        List<Stored> stored = new ArrayList<>();
        for (int p = 0; p < projects; p++) {
            stored.addAll(storeInProject(service, Tokens.newProject(), perProject));
        }
        return stored;
    }

    static List<Stored> storeInProject(String service, String project, int count) {
        String token = Tokens.serviceToken(service, "alice", project, "creator");
        List<Stored> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] material = new byte[32];
            RANDOM.nextBytes(material);
            stored.add(new Stored(service, project, token, Lockbox.storeBinary(token, material, ""), material));
        }
        return stored;
    }

    /** Reads every secret once; each must answer 200 with exactly its bytes. */
    static void assertAllRead(List<Stored> secrets) {
        for (Stored secret : secrets) {
            String problem = readProblem(secret);
            if (problem != null) {
                throw new AssertionError(problem);
            }
        }
    }

    /** Why reading a secret went wrong, or null when it read back exactly its bytes. */
    static String readProblem(Stored secret) {
        Reply reply = Lockbox.get("/v1/secrets/" + secret.id() + "/payload", secret.token());
        if (reply.status() != 200) {
            return "secret " + secret.id() + " answered " + reply;
        }
        if (!Arrays.equals(secret.material(), reply.body())) {
            return "secret " + secret.id() + " read back different bytes";
        }
        return null;
    }

    /** Threads that read the secrets over and over, each checking every byte, until closed. */
    static final class Readers implements AutoCloseable {

        private final List<Stored> secrets;
        private final List<Thread> threads = new ArrayList<>();
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong reads = new AtomicLong();
        private volatile boolean running = true;

        Readers(List<Stored> secrets, int count) {
            this.secrets = secrets;
            for (int t = 0; t < count; t++) {
                int offset = t * secrets.size() / count;
                Thread thread = new Thread(() -> readUntilClosed(offset), "reader-" + t);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        private void readUntilClosed(int offset) {
            for (int i = offset; running; i++) {
                Stored secret = secrets.get(i % secrets.size());
                try {
                    String problem = readProblem(secret);
                    if (problem != null) {
                        failures.add(problem);
                    }
                } catch (AssertionError e) {
                    failures.add("secret " + secret.id() + ": " + e.getMessage());
                }
                reads.incrementAndGet();
            }
        }

        long reads() {
            return reads.get();
        }

        /** Stops the readers and fails if any read went wrong. */
        @Override
        public void close() throws InterruptedException {
            running = false;
            for (Thread thread : threads) {
                thread.join(60_000);
            }
            assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())),
                    failures.size() + " reads went wrong (first five shown)");
        }
    }

    /** Polls a path as the service admin until its JSON satisfies the condition, returning every body seen. */
    static List<JsonObject> pollUntil(String path, String token, Predicate<JsonObject> done, Duration timeout)
            throws InterruptedException {
        List<JsonObject> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Reply reply = Lockbox.get(path, token);
            assertEquals(200, reply.status(), reply.toString());
            JsonObject body = reply.json();
            seen.add(body);
            if (done.test(body)) {
                return seen;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(path + " did not get there within " + timeout + "; last: " + body);
            }
            Thread.sleep(100);
        }
    }

    static boolean isDone(JsonObject rotation) {
        return "DONE".equals(rotation.getString("state"));
    }

    /** The id at the end of a reference. */
    static String lastSegment(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    /** Every KEK of a service, keyed "project/version". */
    static Map<String, KekRow> keks(String service) throws SQLException {
        Map<String, KekRow> rows = new TreeMap<>();
        try (Connection db = TestDatabase.connect(); PreparedStatement select = db.prepareStatement(
                "SELECT project_id, kek_version, master_key_version, wrapped_key, status FROM project_kek"
                        + " WHERE service = ?")) {
            select.setString(1, service);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    rows.put(r.getString(1) + "/" + r.getInt(2), new KekRow(r.getInt(3), r.getBytes(4), r.getString(5)));
                }
            }
        }
        return rows;
    }

    /** How many KEKs of a service each master-key version wraps. */
    static Map<Integer, Integer> keksByMasterKeyVersion(String service) throws SQLException {
        Map<Integer, Integer> counts = new TreeMap<>();
        keks(service).values().forEach(k -> counts.merge(k.masterKeyVersion(), 1, Integer::sum));
        return counts;
    }

    /** The stored rows of the given secrets, by id. */
    static Map<String, SecretRow> secretRows(List<Stored> secrets) throws SQLException {
        Map<String, SecretRow> rows = new HashMap<>();
        try (Connection db = TestDatabase.connect(); PreparedStatement select = db.prepareStatement(
                "SELECT kek_version, wrapped_material FROM secret WHERE id = ?")) {
            for (Stored secret : secrets) {
                select.setString(1, secret.id());
                try (ResultSet r = select.executeQuery()) {
                    if (r.next()) {
                        int version = r.getInt(1);
                        rows.put(secret.id(), new SecretRow(r.wasNull() ? null : version, r.getBytes(2)));
                    }
                }
            }
        }
        return rows;
    }

    /** How many of the given secrets each KEK version wraps. */
    static Map<Integer, Integer> secretsByKekVersion(List<Stored> secrets) throws SQLException {
        Map<Integer, Integer> counts = new TreeMap<>();
        secretRows(secrets).values().forEach(s -> counts.merge(s.kekVersion(), 1, Integer::sum));
        return counts;
    }

    static int update(String sql, Object... parameters) throws SQLException {
        try (Connection db = TestDatabase.connect(); PreparedStatement update = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        }
    }

    /** The server's logs, current and rolled over, as one text. */
    static String serverLogs() throws IOException {
        Path logs = Lockbox.SERVER_DIR.resolve("logs");
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("messages")).sorted().toList()) {
                text.append(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return text.toString();
    }
}
