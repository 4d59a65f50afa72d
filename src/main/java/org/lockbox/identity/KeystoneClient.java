package org.lockbox.identity;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Logger;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Lockbox's client of Keystone's identity API v3, over java.net.http with timeouts: it keeps its
 * own token (password authentication, system- or project-scoped), validates callers' tokens
 * online ({@code GET /v3/auth/tokens?nocatalog}) and reads trusts ({@code GET /v3/OS-TRUST/trusts/{id}}).
 * Tokens and the password never appear in its exceptions or log lines.
 */
final class KeystoneClient {

    /** Lockbox's own Keystone user; {@code project} null means a system-scoped token. */
    record Credentials(String username, String password, String userDomain, String project, String projectDomain) {
    }

    /** What Keystone says of a valid token; {@code trust} has no expiry, Keystone's answer lacks it. */
    record ValidatedToken(String userId, String userName, String projectId, String domainId, Set<String> roles,
                          OffsetDateTime expiresAt, List<String> auditIds, Trust trust) {
    }

    private static final Logger LOG = Logger.getLogger(KeystoneClient.class.getName());
    private static final String AUTH_TOKEN = "X-Auth-Token";
    private static final String SUBJECT_TOKEN = "X-Subject-Token";
    /** Lockbox renews its own token this long before Keystone would expire it. */
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);
    private static final int LONGEST_TOKEN = 16_384;

    private final String v3;
    private final Credentials credentials;
    private final Duration timeout;
    private volatile HttpClient http;
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private String ownToken;                 // guarded by this
    private OffsetDateTime ownTokenExpiry;   // guarded by this

    KeystoneClient(String url, Credentials credentials, Duration timeout) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.v3 = base.endsWith("/v3") ? base : base + "/v3";
        URI.create(v3); // a malformed URL fails at start-up, not on the first request
        this.credentials = credentials;
        this.timeout = timeout;
    }

    String url() {
        return v3;
    }

    ValidatedToken validate(String token) {
        if (token.length() > LONGEST_TOKEN || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new AuthenticationException("The token is not one Keystone could have issued");
        }
        HttpResponse<String> response = sendAsLockbox(
                () -> request("/auth/tokens?nocatalog").header(SUBJECT_TOKEN, token).GET(),
                "Keystone does not let Lockbox's user validate tokens: give it the reader role on the system"
                        + " (or the service role)");
        if (response.statusCode() == 404) {
            throw new AuthenticationException("Keystone says the token is invalid, expired or revoked");
        }
        expect(200, response, "validating a token");
        return validatedToken(json(response).getJsonObject("token"));
    }

    /** The trust with its expiry, as Keystone keeps it; reading it needs the reader role on the system. */
    Trust trust(String id) {
        HttpResponse<String> response = sendAsLockbox(
                () -> request("/OS-TRUST/trusts/" + URLEncoder.encode(id, StandardCharsets.UTF_8)).GET(),
                "Keystone does not let Lockbox's user read trusts, so a trust's expiry cannot be checked:"
                        + " give Lockbox's Keystone user the reader role on the system");
        if (response.statusCode() == 404) {
            throw new AuthenticationException("The token's trust no longer exists");
        }
        expect(200, response, "reading a trust");
        try {
            JsonObject trust = json(response).getJsonObject("trust");
            return new Trust(trust.getString("id"), trust.getString("trustor_user_id"),
                    trust.getString("trustee_user_id"), trust.getBoolean("impersonation", false),
                    time(optionalString(trust, "expires_at")));
        } catch (RuntimeException e) {
            throw unexpectedAnswer("reading a trust");
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(v3 + path)).timeout(timeout).header("Accept", "application/json");
    }

    /** Sends with Lockbox's own token, authenticating again once if Keystone no longer accepts it. */
    private HttpResponse<String> sendAsLockbox(Supplier<HttpRequest.Builder> request, String whenForbidden) {
        String own = ownToken();
        HttpResponse<String> response = send(request.get().header(AUTH_TOKEN, own));
        if (response.statusCode() == 401) {
            forget(own);
            response = send(request.get().header(AUTH_TOKEN, ownToken()));
            if (response.statusCode() == 401) {
                throw unavailable("Keystone does not accept Lockbox's own token");
            }
        }
        if (response.statusCode() == 403) {
            throw unavailable(whenForbidden);
        }
        return response;
    }

    private synchronized String ownToken() {
        if (ownToken != null && OffsetDateTime.now().plus(RENEW_BEFORE).isBefore(ownTokenExpiry)) {
            return ownToken;
        }
        if (credentials.password() == null) {
            throw unavailable("Lockbox's Keystone password is not configured (lockbox.keystone.password)");
        }
        HttpResponse<String> response = send(request("/auth/tokens?nocatalog")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(authenticationBody())));
        if (response.statusCode() == 401) {
            throw unavailable("Keystone refuses Lockbox's credentials (user '" + credentials.username() + "')");
        }
        expect(201, response, "authenticating Lockbox");
        String token = response.headers().firstValue(SUBJECT_TOKEN)
                .orElseThrow(() -> unexpectedAnswer("authenticating Lockbox"));
        try {
            ownTokenExpiry = time(json(response).getJsonObject("token").getString("expires_at"));
        } catch (RuntimeException e) {
            throw unexpectedAnswer("authenticating Lockbox");
        }
        ownToken = token;
        return token;
    }

    private synchronized void forget(String token) {
        if (token.equals(ownToken)) {
            ownToken = null;
        }
    }

    private String authenticationBody() {
        JsonObjectBuilder user = Json.createObjectBuilder().add("name", credentials.username())
                .add("domain", Json.createObjectBuilder().add("name", credentials.userDomain()))
                .add("password", credentials.password());
        JsonObjectBuilder scope = credentials.project() == null
                ? Json.createObjectBuilder().add("system", Json.createObjectBuilder().add("all", true))
                : Json.createObjectBuilder().add("project", Json.createObjectBuilder()
                        .add("name", credentials.project())
                        .add("domain", Json.createObjectBuilder().add("name", credentials.projectDomain())));
        return Json.createObjectBuilder().add("auth", Json.createObjectBuilder()
                .add("identity", Json.createObjectBuilder()
                        .add("methods", Json.createArrayBuilder().add("password"))
                        .add("password", Json.createObjectBuilder().add("user", user)))
                .add("scope", scope)).build().toString();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = sendOnce(request.build());
        } catch (IOException e) {
            throw unavailable("Keystone cannot be reached at " + v3 + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("Interrupted while waiting for Keystone");
        }
        if (response.statusCode() >= 500) {
            throw unavailable("Keystone answered " + response.statusCode());
        }
        if (!reachable.getAndSet(true)) {
            LOG.info("Keystone answers again at " + v3 + ".");
        }
        return response;
    }

    /**
     * Sends a request, again once if a kept-alive connection turns out closed by Keystone (every
     * call here can be repeated safely); a timeout is not repeated, it already took its time.
     */
    private HttpResponse<String> sendOnce(HttpRequest request) throws IOException, InterruptedException {
        HttpClient http = client();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw e;
        } catch (IOException e) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Created on first use: the client's selector thread starts only once Keystone is needed. */
    private HttpClient client() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder().connectTimeout(timeout)
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                }
                client = http;
            }
        }
        return client;
    }

    private void expect(int status, HttpResponse<String> response, String doing) {
        if (response.statusCode() != status) {
            throw unavailable("Keystone answered " + response.statusCode() + " when " + doing);
        }
    }

    private IdentityUnavailableException unavailable(String reason) {
        if (reachable.getAndSet(false)) {
            LOG.warning("Tokens not already cached cannot be validated: " + reason + ".");
        }
        return new IdentityUnavailableException("The identity service cannot validate the token now: " + reason
                + ". Try again later.");
    }

    private IdentityUnavailableException unexpectedAnswer(String doing) {
        return unavailable("Keystone's answer when " + doing + " is not what Lockbox understands");
    }

    private JsonObject json(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw unexpectedAnswer("sending JSON");
        }
    }

    private ValidatedToken validatedToken(JsonObject token) {
        try {
            JsonObject user = token.getJsonObject("user");
            Set<String> roles = new HashSet<>();
            token.getJsonArray("roles").getValuesAs(JsonObject.class).forEach(role -> roles.add(role.getString("name")));
            List<String> auditIds = new ArrayList<>();
            token.getJsonArray("audit_ids").getValuesAs(JsonString.class).forEach(id -> auditIds.add(id.getString()));
            JsonObject trust = token.getJsonObject("OS-TRUST:trust");
            return new ValidatedToken(user.getString("id"), optionalString(user, "name"), id(token, "project"),
                    id(token, "domain"), roles, time(token.getString("expires_at")), auditIds,
                    trust == null ? null : new Trust(trust.getString("id"),
                            trust.getJsonObject("trustor_user").getString("id"),
                            trust.getJsonObject("trustee_user").getString("id"),
                            trust.getBoolean("impersonation", false), null));
        } catch (RuntimeException e) {
            throw unexpectedAnswer("validating a token");
        }
    }

    private static String id(JsonObject token, String scope) {
        JsonValue value = token.get(scope);
        return value instanceof JsonObject object ? object.getString("id") : null;
    }

    private static String optionalString(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof JsonString s ? s.getString() : null;
    }

    /** Keystone writes times as 2026-01-02T03:04:05.000000Z. */
    private static OffsetDateTime time(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not a time");
        }
    }
}
