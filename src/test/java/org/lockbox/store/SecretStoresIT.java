package org.lockbox.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/** Barbican's secret stores: Lockbox's one store, the global default, and a project's preferred store. */
class SecretStoresIT {

    private final String project = Tokens.newProject();
    private final String admin = Tokens.token("root", project, "admin");
    private final String creator = Tokens.token("alice", project, "creator");

    @Test
    void listsLockboxsStoreAsTheGlobalDefault() {
        Reply reply = Lockbox.get("/v1/secret-stores", creator);
        assertEquals(200, reply.status(), reply.toString());
        JsonArray stores = reply.json().getJsonArray("secret_stores");
        assertEquals(1, stores.size());
        JsonObject store = stores.getJsonObject(0);
        assertTrue(store.getBoolean("global_default"));
        assertEquals("ACTIVE", store.getString("status"));
        assertEquals("store_crypto", store.getString("secret_store_plugin"));
        assertEquals("lockbox_aes_256_gcm", store.getString("crypto_plugin"));
        assertTrue(store.getString("name").contains("Lockbox"));
        assertTrue(store.getString("created").endsWith("+00:00"));
        String ref = store.getString("secret_store_ref");
        assertTrue(ref.startsWith(Lockbox.URL + "/v1/secret-stores/"), ref);

        assertEquals(store, Lockbox.get(Lockbox.path(ref), creator).json());
        assertEquals(store, Lockbox.get("/v1/secret-stores/global-default", creator).json());
    }

    @Test
    void aProjectMayPreferTheStore() {
        String ref = Lockbox.get("/v1/secret-stores/global-default", creator).json().getString("secret_store_ref");
        String path = Lockbox.path(ref);
        assertJsonError(404, Lockbox.get("/v1/secret-stores/preferred", creator));

        assertEquals(204, Lockbox.postJson(path + "/preferred", admin, "").status());
        assertEquals(ref, Lockbox.get("/v1/secret-stores/preferred", creator).json().getString("secret_store_ref"));
        assertEquals(204, Lockbox.postJson(path + "/preferred", admin, "").status(), "preferring again is harmless");
        assertJsonError(404, Lockbox.get("/v1/secret-stores/preferred",
                Tokens.token("bob", Tokens.newProject(), "admin")), "the preference is the project's own");

        assertEquals(204, Lockbox.delete(path + "/preferred", admin).status());
        assertJsonError(404, Lockbox.get("/v1/secret-stores/preferred", creator));
        assertJsonError(404, Lockbox.delete(path + "/preferred", admin));
    }

    @Test
    void anUnknownStoreIsNotFound() {
        String unknown = "/v1/secret-stores/00000000-0000-0000-0000-000000000000";
        assertJsonError(404, Lockbox.get(unknown, creator));
        assertJsonError(404, Lockbox.postJson(unknown + "/preferred", admin, ""));
        assertJsonError(404, Lockbox.delete(unknown + "/preferred", admin));
        assertJsonError(404, Lockbox.get("/v1/secret-stores/preferred", admin), "a refused preference leaves none");
    }

    @ParameterizedTest(name = "{0}: list {1}, prefer {2}, remove preference {3}")
    @CsvSource({
            "admin,    200, 204, 204",
            "creator,  200, 403, 403",
            "observer, 200, 403, 403",
            "audit,    200, 403, 403",
            "reader,   200, 403, 403",
            "key-manager:service-admin, 200, 403, 403",
            "nobody,   403, 403, 403"})
    void enforcesTheRoleTable(String role, int list, int prefer, int remove) {
        String caller = Tokens.token("user-" + role, project, role);
        String path = Lockbox.path(Lockbox.get("/v1/secret-stores/global-default", creator).json()
                .getString("secret_store_ref"));
        assertEquals(list, Lockbox.get("/v1/secret-stores", caller).status(), "list");
        assertEquals(list, Lockbox.get(path, caller).status(), "get");
        assertEquals(list, Lockbox.get("/v1/secret-stores/global-default", caller).status(), "global default");
        assertEquals(prefer, Lockbox.postJson(path + "/preferred", caller, "").status(), "prefer");
        if (prefer != 204) {
            assertJsonError(404, Lockbox.get("/v1/secret-stores/preferred", creator), "nothing was preferred");
            Lockbox.postJson(path + "/preferred", admin, "");
        }
        assertEquals(remove, Lockbox.delete(path + "/preferred", caller).status(), "remove preference");
    }

    static void assertJsonError(int status, Reply reply) {
        assertJsonError(status, reply, "");
    }

    static void assertJsonError(int status, Reply reply, String why) {
        assertEquals(status, reply.status(), why + " " + reply);
        assertTrue(reply.contentType().startsWith("application/json"), reply.toString());
        assertEquals(status, reply.json().getInt("code"));
    }
}
