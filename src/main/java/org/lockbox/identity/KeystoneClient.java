package org.lockbox.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Lockbox's client of Keystone's identity API v3, over the JDK's blocking HTTP client
 * ({@code HttpURLConnection}, kept-alive connections, connect and read timeouts): it keeps its
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
                          OffsetDateTime expiresAt, List<String> auditIds, Trust trust, String projectDomainId,
                          Caller.UserDomain userDomain) {
    }

    private static final Logger LOG = Logger.getLogger(KeystoneClient.class.getName());
    private static final String AUTH_TOKEN = "X-Auth-Token";
    private static final String SUBJECT_TOKEN = "X-Subject-Token";
    /** Lockbox renews its own token this long before Keystone would expire it. */
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);
    private static final int LONGEST_TOKEN = 16_384;
    /** Longest wait of a readiness probe's call to Keystone: below the one second Kubernetes gives a probe by default. */
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(900);

    private final String v3;
    private final Credentials credentials;
    private final int timeoutMillis;
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private String ownToken;                 // guarded by this
    private OffsetDateTime ownTokenExpiry;   // guarded by this

    KeystoneClient(String url, Credentials credentials, Duration timeout) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.v3 = base.endsWith("/v3") ? base : base + "/v3";
        URI.create(v3); // a malformed URL fails at start-up, not on the first request
        this.credentials = credentials;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    String url() {
        return v3;
    }

    /** Whether Keystone answered the last call made to it (true before the first). */
    boolean answeredLastCall() {
        return reachable.get();
    }

    /**
     * Asks Keystone for its version document, which needs no token, waiting at most {@link #PROBE_TIMEOUT}
     * (a health probe must answer before its own timeout): empty when it answers, else why not.
     */
    Optional<String> probe() {
        int timeout = (int) Math.min(timeoutMillis, PROBE_TIMEOUT.toMillis());
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(v3).toURL().openConnection();
            connection.setConnectTimeout(timeout);
            connection.setReadTimeout(timeout);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestProperty("Accept", "application/json");
            int status = connection.getResponseCode();
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            if (status >= 500) {
                return Optional.of(unavailable("Keystone answered " + status).getMessage());
            }
        } catch (IOException e) {
            return Optional.of(unavailable("Keystone cannot be reached at " + v3 + " within " + timeout + " ms ("
                    + e.getClass().getSimpleName() + ")").getMessage());
        }
        if (!reachable.getAndSet(true)) {
            LOG.info("Keystone answers again at " + v3 + ".");
        }
        return Optional.empty();
    }

    ValidatedToken validate(String token) {
        if (token.length() > LONGEST_TOKEN || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new AuthenticationException("The token is not one Keystone could have issued");
        }
        Answer response = sendAsLockbox("/auth/tokens?nocatalog", token,
                "Keystone does not let Lockbox's user validate tokens: give it the reader role on the system"
                        + " (or the service role)");
        if (response.status() == 404) {
            throw new AuthenticationException("Keystone says the token is invalid, expired or revoked");
        }
        expect(200, response, "validating a token");
        return validatedToken(json(response).getJsonObject("token"));
    }

    /** The trust with its expiry, as Keystone keeps it; reading it needs the reader role on the system. */
    Trust trust(String id) {
        Answer response = sendAsLockbox("/OS-TRUST/trusts/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null,
                "Keystone does not let Lockbox's user read trusts, so a trust's expiry cannot be checked:"
                        + " give Lockbox's Keystone user the reader role on the system");
        if (response.status() == 404) {
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

    /** One answer of Keystone: status, the X-Subject-Token header when there is one, the body. */
    private record Answer(int status, String subjectToken, String body) {
    }

    /** Sends with Lockbox's own token, authenticating again once if Keystone no longer accepts it. */
    private Answer sendAsLockbox(String path, String subjectToken, String whenForbidden) {
        String own = ownToken();
        Answer response = send("GET", path, own, subjectToken, null);
        if (response.status() == 401) {
            forget(own);
            response = send("GET", path, ownToken(), subjectToken, null);
            if (response.status() == 401) {
                throw unavailable("Keystone does not accept Lockbox's own token");
            }
        }
        if (response.status() == 403) {
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
        Answer response = send("POST", "/auth/tokens?nocatalog", null, null, authenticationBody());
        if (response.status() == 401) {
            throw unavailable("Keystone refuses Lockbox's credentials (user '" + credentials.username() + "')");
        }
        expect(201, response, "authenticating Lockbox");
        String token = response.subjectToken();
        if (token == null) {
            throw unexpectedAnswer("authenticating Lockbox");
        }
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

    private Answer send(String method, String path, String ownToken, String subjectToken, String body) {
        Answer response;
        try {
            response = sendOnce(method, path, ownToken, subjectToken, body);
        } catch (IOException e) {
            throw unavailable("Keystone cannot be reached at " + v3 + " (" + e.getClass().getSimpleName() + ")");
        }
        if (response.status() >= 500) {
            throw unavailable("Keystone answered " + response.status());
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
    private Answer sendOnce(String method, String path, String ownToken, String subjectToken, String body)
            throws IOException {
        try {
            return exchange(method, path, ownToken, subjectToken, body);
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            return exchange(method, path, ownToken, subjectToken, body);
        }
    }

    private Answer exchange(String method, String path, String ownToken, String subjectToken, String body)
            throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(v3 + path).toURL().openConnection();
        try {
            connection.setConnectTimeout(timeoutMillis);
            connection.setReadTimeout(timeoutMillis);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestMethod(method);
            connection.setRequestProperty("Accept", "application/json");
            if (ownToken != null) {
                connection.setRequestProperty(AUTH_TOKEN, ownToken);
            }
            if (subjectToken != null) {
                connection.setRequestProperty(SUBJECT_TOKEN, subjectToken);
            }
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            String text;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Answer(status, connection.getHeaderField(SUBJECT_TOKEN), text);
        } catch (IOException e) {
            connection.disconnect();
            throw e;
        }
    }

    private void expect(int status, Answer response, String doing) {
        if (response.status() != status) {
            throw unavailable("Keystone answered " + response.status() + " when " + doing);
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

    private JsonObject json(Answer response) {
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
                            trust.getBoolean("impersonation", false), null), projectDomainId(token),
                    userDomain(user));
        } catch (RuntimeException e) {
            throw unexpectedAnswer("validating a token");
        }
    }

    /** The user's domain, as Keystone's answer names it (id and name), or null when it does not. */
    private static Caller.UserDomain userDomain(JsonObject user) {
        JsonValue domain = user.get("domain");
        return domain instanceof JsonObject object
                ? new Caller.UserDomain(optionalString(object, "id"), optionalString(object, "name")) : null;
    }

    /** The domain of a project-scoped token's project, as Keystone's answer names it. */
    private static String projectDomainId(JsonObject token) {
        JsonValue project = token.get("project");
        return project instanceof JsonObject object ? id(object, "domain") : null;
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
