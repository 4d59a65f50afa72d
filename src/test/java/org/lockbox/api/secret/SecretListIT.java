package org.lockbox.api.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/** Listing with Barbican's filters, sorting and limit/offset paging, and Lockbox's paging after a marker. */
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

    @Test
    void pagesAfterAMarkerInTheOrderOfOffsetsWithoutATotal() {
        Map<String, String> ids = idsByName(list(""));
        JsonObject second = list("?limit=2&marker=" + ids.get("b"));
        assertEquals(List.of("c", "d"), names(second));
        assertFalse(second.containsKey("total"), "a page after a marker is not counted: " + second);
        assertFalse(second.containsKey("previous"), second.toString());
        assertTrue(second.getString("next").contains("marker=" + ids.get("d")), second.toString());

        JsonObject last = list(second.getString("next").substring((Lockbox.URL + "/v1/secrets").length()));
        assertEquals(List.of("e"), names(last));
        assertFalse(last.containsKey("next"), "nothing follows the last page: " + last);
        assertEquals(List.of(), names(list("?marker=" + ids.get("e"))));
    }

    @Test
    void pagesAfterAMarkerInEitherSortDirection() {
        Map<String, String> ids = idsByName(list(""));
        assertEquals(List.of("c", "b", "a"), names(list("?sort=created:desc&marker=" + ids.get("d"))));
        assertEquals(List.of("d", "e"), names(list("?sort=status,created&marker=" + ids.get("c"))),
                "equal first keys are ordered by the next");
    }

    @Test
    void refusesAMarkerItCannotPlaceAndTellsNothingOfOtherProjects() {
        String marker = idsByName(list("")).get("b");
        assertEquals(400, Lockbox.get("/v1/secrets?sort=name&marker=" + marker, TOKEN).status());
        assertEquals(400, Lockbox.get("/v1/secrets?offset=1&marker=" + marker, TOKEN).status());

        String otherToken = Tokens.token("alice", Tokens.newProject(), "creator");
        String elsewhere = Lockbox.storeBinary(otherToken, new byte[16], "\"name\":\"x\"");
        Reply foreign = Lockbox.get("/v1/secrets?marker=" + elsewhere, TOKEN);
        Reply unknown = Lockbox.get("/v1/secrets?marker=00000000-0000-0000-0000-000000000000", TOKEN);
        assertEquals(400, foreign.status(), foreign.toString());
        assertEquals(400, unknown.status(), unknown.toString());
        assertEquals(unknown.json().getString("description"), foreign.json().getString("description"),
                "another project's key is refused as a marker exactly as an id that does not exist");
    }

    private static JsonObject list(String query) {
        Reply reply = Lockbox.get("/v1/secrets" + query, TOKEN);
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    private static Map<String, String> idsByName(JsonObject page) {
        return page.getJsonArray("secrets").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(s -> s.getString("name"), s -> {
                    String ref = s.getString("secret_ref");
                    return ref.substring(ref.lastIndexOf('/') + 1);
                }));
    }

    private static List<String> names(JsonObject page) {
        return page.getJsonArray("secrets").stream()
                .map(JsonValue::asJsonObject).map(s -> s.getString("name")).toList();
    }
}
