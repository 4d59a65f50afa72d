package org.lockbox.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/** A client of the running Lockbox under test, over real HTTP. */
public final class Lockbox {

    public static final String URL = System.getProperty("lockbox.url", "http://127.0.0.1:9311");
    /** The Liberty server directory of the server under test (its logs are under logs/). */
    public static final Path SERVER_DIR = Path.of(System.getProperty("lockbox.server.dir",
            "target/liberty/wlp/usr/servers/lockbox"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static boolean started;

    private Lockbox() {
    }

    public static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(URL + path)).timeout(Duration.ofSeconds(60));
    }

    public static HttpRequest.Builder request(String path, String token) {
        return request(path).header("X-Auth-Token", token);
    }

    public static Reply send(HttpRequest.Builder request) {
        awaitApplication();
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response);
        } catch (IOException e) {
            throw new AssertionError("Lockbox does not answer at " + URL + " (is the server running?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Waits, once per test run, until the application answers version discovery: on a busy machine
     * Liberty can report the server started well before the application is.
     */
    public static synchronized void awaitApplication() {
        if (started) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            try {
                HttpResponse<Void> reply = HTTP.send(request("/v1").GET().build(), HttpResponse.BodyHandlers.discarding());
                if (reply.statusCode() == 200) {
                    started = true;
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Lockbox's application did not start within 180 s at " + URL);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static Reply get(String path, String token) {
        return send(request(path, token).GET());
    }

    public static Reply delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public static Reply postJson(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A DELETE with a JSON body, as Barbican's consumer and container-member removals take. */
    public static Reply deleteJson(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The path of a reference to this server, e.g. /v1/secrets/ID for http://host:port/v1/secrets/ID. */
    public static String path(String ref) {
        if (!ref.startsWith(URL + "/")) {
            throw new AssertionError("Not a reference to the server under test: " + ref);
        }
        return ref.substring(URL.length());
    }

    /** Stores a small binary secret with a name and returns its reference. */
    public static String secretRef(String token, String name) {
        return URL + "/v1/secrets/" + storeBinary(token, new byte[32], "\"name\":\"" + name + "\"");
    }

    public static Reply putJson(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static Reply patchJson(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A secret's payload, asked for as raw bytes. */
    public static Reply payload(String secretId, String token) {
        return send(request("/v1/secrets/" + secretId + "/payload", token)
                .header("Accept", "application/octet-stream").GET());
    }

    /** Stores a binary secret and returns its id. */
    public static String storeBinary(String token, byte[] material, String extraJsonFields) {
        String json = "{\"payload\":\"" + Base64.getEncoder().encodeToString(material) + "\","
                + "\"payload_content_type\":\"application/octet-stream\",\"payload_content_encoding\":\"base64\""
                + (extraJsonFields.isEmpty() ? "" : "," + extraJsonFields) + "}";
        Reply reply = postJson("/v1/secrets", token, json);
        if (reply.status() != 201) {
            throw new AssertionError("Storing a secret failed: " + reply);
        }
        return reply.refId("secret_ref");
    }
}
