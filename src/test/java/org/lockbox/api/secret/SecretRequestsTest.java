package org.lockbox.api.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockbox.api.ApiAssertions.assertBadRequest;
import static org.lockbox.api.ApiAssertions.assertStatus;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lockbox.api.ApiException;
import org.lockbox.api.RecordBinder;
import org.lockbox.secret.NewSecret;
import org.lockbox.secret.SecretQuery.Comparison;
import org.lockbox.secret.SecretQuery.DateFilter;
import org.lockbox.secret.SecretQuery.Sort;
import org.lockbox.secret.SecretQuery;
import org.lockbox.secret.SecretType;

class SecretRequestsTest {

    private static final byte[] KEY = {0, 1, 2, (byte) 0xfe, (byte) 0xff, 0x7f, (byte) 0x80, 42};

    // --- POST /v1/secrets bodies -------------------------------------------------------------

    @Test
    void base64BinaryPayloadIsDecoded() {
        NewSecret secret = newSecret(Json.createObjectBuilder()
                .add("name", "disk key")
                .add("secret_type", "symmetric")
                .add("algorithm", "aes")
                .add("bit_length", 256)
                .add("mode", "cbc")
                .add("payload", Base64.getEncoder().encodeToString(KEY))
                .add("payload_content_type", "application/octet-stream")
                .add("payload_content_encoding", "base64")
                .build());

        assertEquals("disk key", secret.name());
        assertEquals(SecretType.SYMMETRIC, secret.type());
        assertEquals("aes", secret.algorithm());
        assertEquals(256, secret.bitLength());
        assertEquals("cbc", secret.mode());
        assertEquals("application/octet-stream", secret.contentType());
        assertArrayEquals(KEY, secret.payload());
    }

    @Test
    void base64WithLineBreaksAndUpperCaseEncodingIsDecoded() {
        byte[] material = new byte[100];
        for (int i = 0; i < material.length; i++) {
            material[i] = (byte) (i * 7);
        }
        String wrapped = Base64.getMimeEncoder(16, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(material);
        NewSecret secret = newSecret(payload(wrapped, "application/pkcs8").add(
                "payload_content_encoding", "BASE64").build());
        assertArrayEquals(material, secret.payload());
        assertEquals("application/pkcs8", secret.contentType());
    }

    @Test
    void textPayloadIsUtf8() {
        String text = "pässwörd ✓ \uD83D\uDD11";
        NewSecret secret = newSecret(Json.createObjectBuilder()
                .add("secret_type", "passphrase")
                .add("payload", text)
                .add("payload_content_type", "text/plain; charset=utf-8")
                .build());

        assertEquals(SecretType.PASSPHRASE, secret.type());
        assertEquals("text/plain", secret.contentType());
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), secret.payload());
    }

    @Test
    void textPayloadMayBeBase64Encoded() {
        NewSecret secret = newSecret(payload(
                Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8)), "text/plain")
                .add("payload_content_encoding", "base64").build());
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), secret.payload());
    }

    @Test
    void metadataOnlySecretDefaultsToOpaque() {
        NewSecret secret = newSecret(Json.createObjectBuilder().add("name", "later").build());
        assertEquals(SecretType.OPAQUE, secret.type());
        assertNull(secret.payload());
        assertNull(secret.contentType());
        assertNull(secret.expiration());
    }

    @Test
    void jsonNullsAreAbsent() {
        NewSecret secret = newSecret(Json.createObjectBuilder()
                .addNull("name").addNull("secret_type").addNull("bit_length").addNull("payload")
                .addNull("payload_content_type").addNull("payload_content_encoding").addNull("expiration")
                .build());
        assertNull(secret.name());
        assertEquals(SecretType.OPAQUE, secret.type());
        assertNull(secret.bitLength());
        assertNull(secret.payload());
    }

    @Test
    void missingBodyIsRefused() {
        assertBadRequest(() -> newSecret(null));
    }

    @Test
    void payloadWithoutContentTypeIsRefused() {
        ApiException e = assertBadRequest(() -> newSecret(Json.createObjectBuilder()
                .add("payload", "c2VjcmV0").add("payload_content_encoding", "base64").build()));
        assertTrue(e.getMessage().contains("payload_content_type"), e.getMessage());
    }

    @Test
    void binaryPayloadWithoutBase64IsRefused() {
        assertBadRequest(() -> newSecret(payload("raw", "application/octet-stream").build()));
    }

    @Test
    void unsupportedEncodingIsRefused() {
        assertBadRequest(() -> newSecret(payload("00ff", "application/octet-stream")
                .add("payload_content_encoding", "hex").build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "c2VjcmV0=x", "@@@@", "YQ=a"})
    void invalidBase64IsRefused(String payload) {
        assertBadRequest(() -> newSecret(payload(payload, "application/octet-stream")
                .add("payload_content_encoding", "base64").build()));
    }

    @Test
    void emptyPayloadIsRefused() {
        assertBadRequest(() -> newSecret(payload("", "text/plain").build()));
        assertBadRequest(() -> newSecret(payload("", "application/octet-stream")
                .add("payload_content_encoding", "base64").build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"symetric", "SYMMETRIC", "key", ""})
    void unknownSecretTypeIsRefused(String type) {
        assertBadRequest(() -> newSecret(Json.createObjectBuilder().add("secret_type", type).build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"symmetric", "public", "private", "passphrase", "certificate", "opaque"})
    void everyBarbicanSecretTypeIsAccepted(String type) {
        assertEquals(type, newSecret(Json.createObjectBuilder().add("secret_type", type).build())
                .type().wireName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rot13", "aes-256", "", "blowfish"})
    void unknownAlgorithmIsRefused(String algorithm) {
        assertBadRequest(() -> newSecret(Json.createObjectBuilder()
                .add("algorithm", algorithm).build()));
    }

    @Test
    void algorithmIsCaseInsensitive() {
        assertEquals("AES", newSecret(Json.createObjectBuilder().add("algorithm", "AES").build())
                .algorithm());
    }

    @Test
    void bitLengthMustBeAJsonInteger() {
        assertBadRequest(() -> newSecret(Json.createObjectBuilder().add("bit_length", "256").build()));
        assertBadRequest(() -> newSecret(Json.createObjectBuilder().add("bit_length", 256.5).build()));
        assertBadRequest(() -> newSecret(Json.createObjectBuilder().add("bit_length", true).build()));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -256, 16_385, 1L << 31, 1L << 40})
    void bitLengthOutOfRangeIsRefused(long bits) {
        assertBadRequest(() -> newSecret(Json.createObjectBuilder().add("bit_length", bits).build()));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 256, 16_384})
    void bitLengthInRangeIsAccepted(int bits) {
        assertEquals(bits, newSecret(Json.createObjectBuilder().add("bit_length", bits).build())
                .bitLength());
    }

    @Test
    void contentTypeOrEncodingWithoutPayloadIsRefused() {
        assertBadRequest(() -> newSecret(Json.createObjectBuilder()
                .add("payload_content_type", "text/plain").build()));
        assertBadRequest(() -> newSecret(Json.createObjectBuilder()
                .add("payload_content_encoding", "base64").build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/html", "text/plain; charset=latin1", "application/x-pem-file",
            "*/*"})
    void unsupportedContentTypeIsRefused(String contentType) {
        assertBadRequest(() -> newSecret(payload("c2VjcmV0", contentType)
                .add("payload_content_encoding", "base64").build()));
    }

    @Test
    void expirationMustBeIso8601() {
        for (String bad : List.of("tomorrow", "2030-13-01T00:00:00", "2030-01-01", "01/01/2030 00:00")) {
            assertBadRequest(() -> newSecret(Json.createObjectBuilder()
                    .add("expiration", bad).build()));
        }
    }

    @Test
    void expirationWithoutOffsetIsUtc() {
        NewSecret local = newSecret(Json.createObjectBuilder()
                .add("expiration", "2030-01-01T12:00:00").build());
        assertEquals(OffsetDateTime.of(2030, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC), local.expiration());

        NewSecret offset = newSecret(Json.createObjectBuilder()
                .add("expiration", "2030-01-01T12:00:00+02:00").build());
        assertEquals(OffsetDateTime.of(2030, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC).toInstant(),
                offset.expiration().toInstant());
    }

    @Test
    void fieldsOfTheWrongJsonTypeAreRefused() {
        assertBadRequest(() -> newSecret(Json.createObjectBuilder().add("name", 5).build()));
        assertBadRequest(() -> newSecret(Json.createObjectBuilder()
                .add("payload", Json.createArrayBuilder().add("x")).add("payload_content_type", "text/plain")
                .build()));
    }

    @Test
    void overlongNameIsRefused() {
        assertBadRequest(() -> newSecret(Json.createObjectBuilder().add("name", "n".repeat(256))
                .build()));
        assertEquals(255, newSecret(Json.createObjectBuilder().add("name", "n".repeat(255)).build())
                .name().length());
    }

    @Test
    void refusalsDoNotEchoThePayload() {
        String payload = "c2VjcmV0LXRoYXQtbXVzdC1ub3QtbGVhaw";
        ApiException e = assertBadRequest(() -> newSecret(payload(payload, "application/json")
                .add("payload_content_encoding", "base64").build()));
        assertFalse(e.getMessage().contains(payload), e.getMessage());
    }

    // --- PUT /v1/secrets/{id} payload uploads ---------------------------------------------------

    @Test
    void uploadedBinaryPayloadIsKeptAsIs() {
        assertArrayEquals(KEY, SecretRequests.uploadedPayload(KEY, "application/octet-stream", null));
    }

    @Test
    void uploadedBase64PayloadIsDecoded() {
        byte[] body = Base64.getEncoder().encode(KEY);
        assertArrayEquals(KEY, SecretRequests.uploadedPayload(body, "application/octet-stream", "base64"));
    }

    @Test
    void uploadedTextMustBeUtf8() {
        byte[] utf8 = "grüße".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(utf8, SecretRequests.uploadedPayload(utf8, "text/plain", null));
        assertBadRequest(() -> SecretRequests.uploadedPayload(new byte[] {(byte) 0xff, (byte) 0xfe}, "text/plain",
                null));
    }

    @Test
    void emptyUploadIsRefused() {
        assertBadRequest(() -> SecretRequests.uploadedPayload(new byte[0], "application/octet-stream", null));
        assertBadRequest(() -> SecretRequests.uploadedPayload(null, "application/octet-stream", null));
    }

    @Test
    void contentTypeNormalisationAndStatus() {
        assertEquals("text/plain", SecretRequests.contentType("Text/Plain;Charset=UTF-8", 400));
        assertEquals("application/octet-stream", SecretRequests.contentType("application/octet-stream", 400));
        assertStatus(415, () -> SecretRequests.contentType("application/json", 415));
        assertStatus(400, () -> SecretRequests.contentType(null, 400));
    }

    // --- GET /v1/secrets query parameters ------------------------------------------------------

    @Test
    void emptyQueryHasDefaults() {
        SecretQuery query = SecretRequests.query(params(Map.of()));
        assertEquals(List.of(new Sort("created", true)), query.sorts());
        assertEquals(0, query.offset());
        assertEquals(10, query.limit());
        assertEquals(List.of(), query.dateFilters());
        assertNull(query.type());
        assertNull(query.bits());
    }

    @Test
    void sortKeysAndDirectionsAreParsed() {
        SecretQuery query = SecretRequests.query(params(Map.of("sort", "created:desc,name")));
        assertEquals(List.of(new Sort("created", false), new Sort("name", true)), query.sorts());

        SecretQuery upper = SecretRequests.query(params(Map.of("sort", "bit_length:DESC, secret_type:asc")));
        assertEquals(List.of(new Sort("bit_length", false), new Sort("secret_type", true)), upper.sorts());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus:asc", "name:sideways", "name:asc:extra", "created,,name", "projectId",
            "payload:asc"})
    void unknownSortIsRefused(String sort) {
        assertBadRequest(() -> SecretRequests.query(params(Map.of("sort", sort))));
    }

    @Test
    void limitIsCappedAndOffsetMustNotBeNegative() {
        assertEquals(100, SecretRequests.query(params(Map.of("limit", "1000"))).limit());
        assertEquals(100, SecretRequests.query(params(Map.of("limit", "100"))).limit());
        assertEquals(25, SecretRequests.query(params(Map.of("limit", "25", "offset", "50"))).limit());
        assertEquals(50, SecretRequests.query(params(Map.of("offset", "50"))).offset());
        assertBadRequest(() -> SecretRequests.query(params(Map.of("offset", "-1"))));
        assertBadRequest(() -> SecretRequests.query(params(Map.of("limit", "-5"))));
        assertBadRequest(() -> SecretRequests.query(params(Map.of("limit", "ten"))));
        assertBadRequest(() -> SecretRequests.query(params(Map.of("offset", "99999999999"))));
    }

    @Test
    void dateFiltersAreParsed() {
        SecretQuery query = SecretRequests.query(params(Map.of("created", "gt:2026-01-01T00:00:00")));
        assertEquals(List.of(new DateFilter("created", Comparison.GT, LocalDateTime.of(2026, 1, 1, 0, 0))),
                query.dateFilters());
    }

    @Test
    void dateRangesOffsetsAndEqualityAreParsed() {
        MultivaluedMap<String, String> params = new MultivaluedHashMap<>();
        params.add("updated", "gte:2026-01-01T00:00:00,lt:2026-02-01T00:00:00Z");
        params.add("expiration", "2026-03-01T02:00:00+02:00");
        SecretQuery query = SecretRequests.query(params);
        assertEquals(List.of(
                        new DateFilter("updated", Comparison.GTE, LocalDateTime.of(2026, 1, 1, 0, 0)),
                        new DateFilter("updated", Comparison.LT, LocalDateTime.of(2026, 2, 1, 0, 0)),
                        new DateFilter("expiration", Comparison.EQ, LocalDateTime.of(2026, 3, 1, 0, 0))),
                query.dateFilters());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gt:yesterday", "xx:2026-01-01T00:00:00", "2026-01-01", "gt:", "after:2026-01-01T00:00:00"})
    void badDateFiltersAreRefused(String value) {
        assertBadRequest(() -> SecretRequests.query(params(Map.of("created", value))));
    }

    @Test
    void otherFiltersAreParsed() {
        SecretQuery query = SecretRequests.query(params(Map.of("name", "n", "alg", "aes", "mode", "cbc",
                "bits", "256", "secret_type", "symmetric")));
        assertEquals("n", query.name());
        assertEquals("aes", query.algorithm());
        assertEquals("cbc", query.mode());
        assertEquals(256, query.bits());
        assertEquals(SecretType.SYMMETRIC, query.type());
        assertBadRequest(() -> SecretRequests.query(params(Map.of("bits", "many"))));
        assertBadRequest(() -> SecretRequests.query(params(Map.of("secret_type", "bogus"))));
    }

    private static JsonObjectBuilder payload(String payload, String contentType) {
        return Json.createObjectBuilder().add("payload", payload).add("payload_content_type", contentType);
    }

    private static MultivaluedMap<String, String> params(Map<String, String> values) {
        MultivaluedMap<String, String> params = new MultivaluedHashMap<>();
        values.forEach(params::add);
        return params;
    }

    /** A new secret request bound as the resource receives it. */
    private static NewSecret newSecret(JsonValue body) {
        return SecretRequests.newSecret(RecordBinder.bind(body, SecretsResource.NewSecretRequest.class));
    }
}
