package org.lockbox.identity;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Keystone's three calls Lockbox makes, on loopback, answering as Keystone 22 does:
 * password authentication, token validation and trust reads. Unit tests only; the integration
 * tests run against a real Keystone.
 */
final class FakeKeystone implements AutoCloseable {

    static final String OWN_TOKEN_PREFIX = "lockbox-own-";
    private static final DateTimeFormatter KEYSTONE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    final Map<String, String> tokens = new ConcurrentHashMap<>();
    final Map<String, String> trusts = new ConcurrentHashMap<>();
    final AtomicInteger validations = new AtomicInteger();
    final AtomicInteger authentications = new AtomicInteger();
    final AtomicInteger trustReads = new AtomicInteger();
    volatile int trustReadStatus = 200;
    volatile String validOwnToken;
    private final HttpServer server;

    FakeKeystone() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v3/auth/tokens", this::tokens);
        server.createContext("/v3/OS-TRUST/trusts/", this::trust);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v3";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Keystone's validation body for a project-scoped token. */
    static String tokenBody(String userId, String userName, String projectId, List<String> roles,
                            OffsetDateTime expiresAt, String trustJson) {
        return tokenBody(userId, userName, "default", "Default", projectId, roles, expiresAt, trustJson);
    }

    /** A token body whose user belongs to the domain named so, with that id. */
    static String tokenBody(String userId, String userName, String userDomainId, String userDomainName,
                            String projectId, List<String> roles, OffsetDateTime expiresAt, String trustJson) {
        StringBuilder roleJson = new StringBuilder();
        for (String role : roles) {
            roleJson.append(roleJson.length() == 0 ? "" : ",").append("{\"id\":\"id-").append(role)
                    .append("\",\"name\":\"").append(role).append("\"}");
        }
        return "{\"token\":{\"methods\":[\"password\"],\"user\":{\"domain\":{\"id\":\"" + userDomainId
                + "\",\"name\":\"" + userDomainName + "\"},"
                + "\"id\":\"" + userId + "\",\"name\":\"" + userName + "\",\"password_expires_at\":null},"
                + "\"audit_ids\":[\"audit-1\"],\"expires_at\":\"" + time(expiresAt) + "\","
                + "\"issued_at\":\"" + time(OffsetDateTime.now()) + "\","
                + (trustJson == null ? "" : "\"OS-TRUST:trust\":" + trustJson + ",")
                + "\"project\":{\"domain\":{\"id\":\"default\",\"name\":\"Default\"},\"id\":\"" + projectId
                + "\",\"name\":\"p\"},\"is_domain\":false,\"roles\":[" + roleJson + "]}}";
    }

    static String tokenTrust(String id, String trustor, String trustee, boolean impersonation) {
        return "{\"id\":\"" + id + "\",\"trustor_user\":{\"id\":\"" + trustor + "\"},\"trustee_user\":{\"id\":\""
                + trustee + "\"},\"impersonation\":" + impersonation + "}";
    }

    static String trustBody(String id, String trustor, String trustee, boolean impersonation, OffsetDateTime expiresAt) {
        return "{\"trust\":{\"id\":\"" + id + "\",\"trustor_user_id\":\"" + trustor + "\",\"trustee_user_id\":\""
                + trustee + "\",\"project_id\":\"project-1\",\"impersonation\":" + impersonation
                + ",\"expires_at\":" + (expiresAt == null ? "null" : "\"" + time(expiresAt) + "\"")
                + ",\"remaining_uses\":null}}";
    }

    static String time(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).format(KEYSTONE_TIME);
    }

    private void tokens(HttpExchange exchange) throws IOException {
        if ("POST".equals(exchange.getRequestMethod())) {
            authentications.incrementAndGet();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!body.contains("\"password\":\"right\"")) {
                answer(exchange, 401, "{\"error\":{\"code\":401}}");
                return;
            }
            validOwnToken = OWN_TOKEN_PREFIX + authentications.get();
            exchange.getResponseHeaders().add("X-Subject-Token", validOwnToken);
            answer(exchange, 201, tokenBody("lockbox-user", "lockbox", "service", List.of("reader"),
                    OffsetDateTime.now().plusHours(1), null));
            return;
        }
        if (!ownTokenAccepted(exchange)) {
            return;
        }
        validations.incrementAndGet();
        String body = tokens.get(String.valueOf(exchange.getRequestHeaders().getFirst("X-Subject-Token")));
        answer(exchange, body == null ? 404 : 200, body == null ? "{\"error\":{\"code\":404}}" : body);
    }

    private void trust(HttpExchange exchange) throws IOException {
        if (!ownTokenAccepted(exchange)) {
            return;
        }
        trustReads.incrementAndGet();
        String id = exchange.getRequestURI().getPath().substring("/v3/OS-TRUST/trusts/".length());
        String body = trusts.get(id);
        int status = body == null ? 404 : trustReadStatus;
        answer(exchange, status, status == 200 ? body : "{\"error\":{\"code\":" + status + "}}");
    }

    private boolean ownTokenAccepted(HttpExchange exchange) throws IOException {
        String own = exchange.getRequestHeaders().getFirst("X-Auth-Token");
        if (own == null || !own.equals(validOwnToken)) {
            answer(exchange, 401, "{\"error\":{\"code\":401}}");
            return false;
        }
        return true;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
