package org.lockbox.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockbox.rotation.RotationSupport.Readers;
import static org.lockbox.rotation.RotationSupport.Stored;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lockbox.testing.LibertyServer;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.TestDatabase;
import org.lockbox.testing.TestRootOfTrust;
import org.lockbox.testing.Tokens;

/**
 * Rotations interrupted halfway, by SIGKILL and by an orderly stop, finish after the next start,
 * with every key readable meanwhile; a retired master-key version is gone after a restart and
 * every secret still reads. For this test a configuration drop-in paces the server to 10 rewraps
 * a second, so that there is a halfway to interrupt, and delays the sweep to 15 s after a start,
 * so that the resumed rotation runs while the test's readers read. Runs in the failsafe
 * execution that restarts the server; works on the "volume" and "compute" services only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RotationRestartIT {

    private static final String MASTER_SERVICE = "volume";
    private static final String KEK_SERVICE = "compute";
    private static String admin;
    private static final Path PACE = LibertyServer.directory().resolve("configDropins/overrides/rotation-pace.xml");
    private static final String PACED = "Key rotation sweep every 2 s from 15 s after start, rewrapping at most 10 keys/s";

    private static final List<Stored> everySecret = new ArrayList<>();
    private static int rotatedFrom;
    private static int rotatedTo;

    @BeforeAll
    static void paceTheServer() throws Exception {
        if (LibertyServer.running()) {
            LibertyServer.stop();
        }
        Files.writeString(PACE, """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Test only: slow rotations down so that they can be interrupted halfway. -->
                <server>
                    <variable name="lockbox.rotation.max-per-second" value="10"/>
                    <variable name="lockbox.rotation.scan-seconds" value="2"/>
                    <variable name="lockbox.rotation.start-delay-seconds" value="15"/>
                </server>
                """);
        LibertyServer.start();
        LibertyServer.awaitReady();
        admin = Tokens.serviceAdmin();
        assertTrue(RotationSupport.serverLogs().contains(PACED), "the pacing is in effect");
    }

    @AfterAll
    static void restoreThePace() throws Exception {
        boolean paced = Files.deleteIfExists(PACE);
        boolean running = LibertyServer.running();
        if (paced || !running) {
            if (running) {
                LibertyServer.stop();
            }
            LibertyServer.start();
            LibertyServer.awaitReady();
        }
    }

    @Test
    @Order(1)
    void aMasterKeyRotationKilledHalfwayResumesAtTheNextStart() throws Exception {
        List<Stored> secrets = RotationSupport.store(MASTER_SERVICE, 150, 1);
        everySecret.addAll(secrets);
        String path = "/v1/lockbox/master-keys/" + MASTER_SERVICE;
        rotatedFrom = Lockbox.get(path, admin).json().getInt("current_version");

        String rotation;
        int total;
        try (Readers readers = new Readers(secrets, 2)) {
            Reply provisioned = Lockbox.postJson(path + "/versions", admin, "");
            assertEquals(201, provisioned.status(), provisioned.toString());
            rotatedTo = provisioned.json().getInt("version");
            rotation = "/v1/lockbox/rotations/" + provisioned.json().getJsonObject("rotation").getString("id");
            total = provisioned.json().getJsonObject("rotation").getInt("total");
            JsonObject halfway = last(RotationSupport.pollUntil(rotation, admin,
                    r -> r.getInt("rewrapped") >= 10, Duration.ofSeconds(60)));
            assertTrue(halfway.getInt("remaining") >= 100, "still far from done: " + halfway);
        }
        LibertyServer.kill();
        if (TestDatabase.postgres()) { // Derby's network server died with the server
            Map<Integer, Integer> split = RotationSupport.keksByMasterKeyVersion(MASTER_SERVICE);
            assertTrue(split.getOrDefault(rotatedFrom, 0) > 0 && split.getOrDefault(rotatedTo, 0) > 0,
                    "killed with KEKs under both versions: " + split);
        }

        LibertyServer.start();
        LibertyServer.awaitReady();
        readAllWhileRotationFinishes(secrets, rotation);

        assertEquals(java.util.Set.of(rotatedTo), RotationSupport.keksByMasterKeyVersion(MASTER_SERVICE).keySet(),
                "every KEK of the service is under the new version");
        String line = "Master-key rotation of service '" + MASTER_SERVICE + "' to version " + rotatedTo;
        assertResumedHalfway(line, total, "KEKs");
        String logs = RotationSupport.serverLogs();
        assertTrue(Pattern.compile(Pattern.quote(line) + ": \\d+ of " + total + " KEKs rewrapped \\(\\d+/s\\)")
                .matcher(logs).find(), "the log shows progress every few seconds");
        assertTrue(logs.contains(line + ": done, "), "the log says the rotation is done");
    }

    @Test
    @Order(2)
    void aKekRotationStoppedHalfwayResumesAtTheNextStart() throws Exception {
        String project = Tokens.newProject();
        List<Stored> secrets = RotationSupport.storeInProject(KEK_SERVICE, project, 120);
        everySecret.addAll(secrets);
        String projectAdmin = Tokens.serviceToken(KEK_SERVICE, "pat", project, "admin");

        Reply started = Lockbox.postJson("/v1/lockbox/projects/" + project + "/kek/rotation", projectAdmin, "");
        assertEquals(202, started.status(), started.toString());
        String rotation = "/v1/lockbox/rotations/" + started.json().getString("id");
        JsonObject halfway = last(RotationSupport.pollUntil(rotation, admin,
                r -> r.getInt("rewrapped") >= 10, Duration.ofSeconds(60)));
        assertTrue(halfway.getInt("remaining") >= 80, "still far from done: " + halfway);
        LibertyServer.stop();
        if (TestDatabase.postgres()) { // Derby's network server stopped with the server
            Map<Integer, Integer> split = RotationSupport.secretsByKekVersion(secrets);
            assertTrue(split.getOrDefault(1, 0) > 0 && split.getOrDefault(2, 0) > 0,
                    "stopped with secrets under both KEK versions: " + split);
            assertEquals("RETIRING", RotationSupport.keks(KEK_SERVICE).get(project + "/1").status());
        }

        LibertyServer.start();
        LibertyServer.awaitReady();
        readAllWhileRotationFinishes(secrets, rotation);

        assertEquals(Map.of(2, 120), RotationSupport.secretsByKekVersion(secrets));
        assertEquals("RETIRED", RotationSupport.keks(KEK_SERVICE).get(project + "/1").status());
        assertResumedHalfway("KEK rotation of project " + project + " (service '" + KEK_SERVICE + "') to KEK version 2",
                120, "secrets");
    }

    @Test
    @Order(3)
    void aRetiredVersionIsGoneAfterARestartAndEverySecretStillReads() throws Exception {
        Path sealed = TestRootOfTrust.sealedFile(MASTER_SERVICE, rotatedFrom);
        assertTrue(Files.exists(sealed));
        Reply retired = Lockbox.delete("/v1/lockbox/master-keys/" + MASTER_SERVICE + "/versions/" + rotatedFrom, admin);
        assertEquals(204, retired.status(), retired.toString());
        assertFalse(Files.exists(sealed));

        Files.delete(PACE);
        LibertyServer.stop();
        LibertyServer.start();
        LibertyServer.awaitReady();

        JsonObject state = Lockbox.get("/v1/lockbox/master-keys/" + MASTER_SERVICE, admin).json();
        assertEquals(List.of(rotatedTo), state.getJsonArray("versions").stream()
                .map(v -> v.asJsonObject().getInt("version")).toList(), "the retired version is not unsealed again");
        assertEquals(JsonValue.TRUE, state.getJsonArray("versions").getJsonObject(0).get("unsealed"));
        RotationSupport.assertAllRead(everySecret);
    }

    /**
     * Reads every secret over and over until the rotation is done, and checks that reads went on
     * while the resumed sweep was rewrapping (between two polls that saw it move and not yet done).
     */
    private static void readAllWhileRotationFinishes(List<Stored> secrets, String rotation) throws Exception {
        assertTrue(Files.readString(LibertyServer.directory().resolve("logs/messages.log")).contains(PACED),
                "the restarted server is paced too");
        AtomicLong baseline = new AtomicLong(-1);
        AtomicLong readsWhenMovingFirstSeen = new AtomicLong(-1);
        AtomicLong readsWhenMovingLastSeen = new AtomicLong(-1);
        try (Readers readers = new Readers(secrets, 2)) {
            RotationSupport.pollUntil(rotation, admin, r -> {
                long reads = readers.reads();
                long rewrapped = r.getInt("rewrapped");
                baseline.compareAndSet(-1, rewrapped);
                if (RotationSupport.isDone(r)) {
                    return true;
                }
                if (rewrapped > baseline.get()) {
                    readsWhenMovingFirstSeen.compareAndSet(-1, reads);
                    readsWhenMovingLastSeen.set(reads);
                }
                return false;
            }, Duration.ofSeconds(180));
        }
        assertTrue(readsWhenMovingFirstSeen.get() >= 0
                        && readsWhenMovingLastSeen.get() > readsWhenMovingFirstSeen.get(),
                "secrets were read while the resumed sweep was rewrapping");
        RotationSupport.assertAllRead(secrets);
    }

    /**
     * The sweep after the restart logged that it resumed a rotation found half done: some keys
     * already rewrapped before the interruption, some still to go.
     */
    private static void assertResumedHalfway(String rotation, int total, String keys) throws IOException {
        Matcher resumed = Pattern.compile(Pattern.quote(rotation) + ": resuming, (\\d+) of " + total + " " + keys
                + " were rewrapped before; (\\d+) to go").matcher(RotationSupport.serverLogs());
        assertTrue(resumed.find(), "the log says the rotation resumed");
        int before = Integer.parseInt(resumed.group(1));
        int toGo = Integer.parseInt(resumed.group(2));
        assertTrue(before >= 10 && toGo > 0, "interrupted halfway: " + resumed.group());
        assertEquals(total, before + toGo, resumed.group());
    }

    private static JsonObject last(List<JsonObject> seen) {
        return seen.get(seen.size() - 1);
    }
}
