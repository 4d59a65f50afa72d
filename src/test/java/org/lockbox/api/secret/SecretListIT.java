package org.lockbox.api.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/** Listing with Barbican's filters, sorting and limit/offset paging. */
class SecretListIT {

    private static final String TOKEN = Tokens.token("alice", Tokens.newProject(), "creator");

    @BeforeAll
    static void storeFiveSecrets() {
        Lockbox.storeBinary(TOKEN, new byte[16], "\"name\":\"a\",\"algorithm\":\"aes\",\"bit_length\":128,\"mode\":\"cbc\",\"secret_type\":\"symmetric\"");
        Lockbox.storeBinary(TOKEN, new byte[32], "\"name\":\"b\",\"algorithm\":\"aes\",\"bit_length\":256,\"mode\":\"xts\",\"secret_type\":\"symmetric\"");
        Lockbox.storeBinary(TOKEN, new byte[32], "\"name\":\"c\",\"algorithm\":\"hmacsha256\",\"bit_length\":256,\"secret_type\":\"symmetric\"");
        Lockbox.storeBinary(TOKEN, new byte[8], "\"name\":\"d\",\"secret_type\":\"opaque\"");
        Lockbox.storeBinary(TOKEN, new byte[8], "\"name\":\"e\",\"secret_type\":\"passphrase\"");
    }

    @Test
    void listsEverySecretOfTheProjectWithTheTotal() {
        JsonObject page = list("");
        assertEquals(5, page.getInt("total"));
        assertEquals(List.of("a", "b", "c", "d", "e"), names(page));
        assertFalse(page.containsKey("next"));
        assertFalse(page.containsKey("previous"));
    }

    @Test
    void pagesWithLimitAndOffsetAndLinksBothWays() {
        JsonObject middle = list("?limit=2&offset=2");
        assertEquals(List.of("c", "d"), names(middle));
        assertEquals(5, middle.getInt("total"));
        assertTrue(middle.getString("next").contains("offset=4"), middle.toString());
        assertTrue(middle.getString("previous").contains("offset=0"), middle.toString());

        String next = middle.getString("next").substring(Lockbox.URL.length());
        assertEquals(List.of("e"), names(list(next.substring("/v1/secrets".length()))));
    }

    @Test
    void filtersByNameAlgorithmBitsModeAndType() {
        assertEquals(List.of("b"), names(list("?name=b")));
        assertEquals(List.of("a", "b"), names(list("?alg=aes")));
        assertEquals(List.of("b", "c"), names(list("?bits=256")));
        assertEquals(List.of("b"), names(list("?mode=xts")));
        assertEquals(List.of("e"), names(list("?secret_type=passphrase")));
        assertEquals(List.of(), names(list("?created=lt:2000-01-01T00:00:00")));
        assertEquals(5, list("?created=gt:2000-01-01T00:00:00").getInt("total"));
    }

    @Test
    void sortsByTheRequestedKeys() {
        assertEquals(List.of("e", "d", "c", "b", "a"), names(list("?sort=name:desc")));
        assertEquals(List.of("d", "e", "b", "c", "a"), names(list("?sort=bit_length:desc,name:asc")),
                "secrets without a bit length sort first when descending, on Derby and PostgreSQL alike");
    }

    @Test
    void refusesAnUnknownSortKey() {
        assertEquals(400, Lockbox.get("/v1/secrets?sort=payload:asc", TOKEN).status());
    }

    private static JsonObject list(String query) {
        Reply reply = Lockbox.get("/v1/secrets" + query, TOKEN);
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    private static List<String> names(JsonObject page) {
        return page.getJsonArray("secrets").stream()
                .map(JsonValue::asJsonObject).map(s -> s.getString("name")).toList();
    }
}
