package org.lockbox.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.lockbox.testing.Keystone;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/**
 * Tokens and key material never reach the server's logs, even when requests fail. The test proves it
 * read the server's live log: a KEK rotation it asks for is logged with its project, which it must find.
 */
class LogHygieneIT {

    private static final Duration LOG_DELAY = Duration.ofSeconds(30);

    @Test
    void logsHoldNeitherTokensNorMaterial() throws IOException, InterruptedException {
        String project = Tokens.newProject();
        String token = Tokens.token("alice", project, "creator");
        String admin = Tokens.token("dana", project, "admin");
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        String id = Lockbox.storeBinary(token, material, "");
        assertEquals(200, Lockbox.get("/v1/secrets/" + id + "/payload", token).status());
        String forged = token.substring(0, token.length() - 4) + "AAAA";
        assertEquals(401, Lockbox.get("/v1/secrets", forged).status());
        assertEquals(400, Lockbox.postJson("/v1/secrets", token, "{\"payload\":\"" + HexFormat.of().formatHex(material)
                + "\",\"payload_content_type\":\"application/octet-stream\",\"payload_content_encoding\":\"base64!\"}")
                .status());

        Reply rotation = Lockbox.postJson("/v1/lockbox/projects/" + project + "/kek/rotation", admin, "");
        assertEquals(202, rotation.status(), rotation.toString());

        List<String> secrets = new ArrayList<>(List.of(signature(token), signature(forged), signature(admin),
                Base64.getEncoder().encodeToString(material), HexFormat.of().formatHex(material)));
        if (Keystone.URL != null) {
            String keystoneToken = Keystone.token("alice", "projA");
            String unknown = keystoneToken.substring(0, keystoneToken.length() - 6) + "AAAAAA";
            assertEquals(200, Lockbox.get("/v1/secrets", keystoneToken).status());
            assertEquals(401, Lockbox.get("/v1/secrets", unknown).status());
            secrets.add(signature(keystoneToken));
            secrets.add(signature(unknown));
        }
        Path logs = Lockbox.SERVER_DIR.resolve("logs");
        assertTrue(Files.isDirectory(logs), "the server's log directory is at " + logs);
        awaitInLog(logs.resolve("messages.log"), project);
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    assertFalse(content.contains(secret), "a token or key material appears in " + file);
                }
            }
        }
    }

    /** Waits until the server has written the marker to its log, so the scan below reads what this test caused. */
    private static void awaitInLog(Path log, String marker) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(LOG_DELAY);
        while (!(Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(marker))) {
            if (Instant.now().isAfter(deadline)) {
                fail("the KEK rotation of project " + marker + " is not in " + log + " after " + LOG_DELAY
                        + ": the scan would not be reading the server's live log");
            }
            Thread.sleep(250);
        }
    }

    /** The part of a token that would let someone use it: a JWS signature, or a whole opaque token. */
    private static String signature(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }
}
