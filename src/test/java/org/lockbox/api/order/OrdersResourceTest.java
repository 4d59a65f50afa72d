package org.lockbox.api.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.lockbox.api.ApiAssertions.assertBadRequest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lockbox.api.JsonFields;
import org.lockbox.api.RecordBinder;
import org.lockbox.order.OrderSpec;

class OrdersResourceTest {

    @Test
    void aes256KeyOrder() {
        JsonObject meta = Json.createObjectBuilder().add("name", "volume key").add("algorithm", "aes")
                .add("bit_length", 256).add("mode", "cbc").add("payload_content_type", "application/octet-stream")
                .add("expiration", "2030-01-01T00:00:00").build();
        OrderSpec spec = spec(order("key", meta));

        assertEquals(OrderSpec.KEY, spec.type());
        assertEquals("volume key", spec.name());
        assertEquals("aes", spec.algorithm());
        assertEquals(256, spec.bitLength());
        assertEquals("cbc", spec.mode());
        assertEquals(OffsetDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), spec.expiration());
        assertEquals(meta, JsonFields.parse(spec.metaJson()));
    }

    @Test
    void typeAndAlgorithmAreCaseInsensitive() {
        OrderSpec spec = spec(order("KEY", meta("AES", 128, null)));
        assertEquals("key", spec.type());
        assertEquals("aes", spec.algorithm());
        assertNull(spec.name());
        assertNull(spec.expiration());
    }

    @ParameterizedTest(name = "{0} {1} bits mode {2}")
    @CsvSource(nullValues = "null", value = {
            "aes, 128, null", "aes, 192, null", "aes, 256, cbc",
            "aes, 512, xts", "aes, 256, XTS",
            "hmacsha256, 256, null", "hmacsha1, 128, null", "hmacsha512, 1024, null"})
    void generatableKeysAreAccepted(String algorithm, int bits, String mode) {
        assertEquals(bits, spec(order("key", meta(algorithm, bits, mode))).bitLength());
    }

    @ParameterizedTest(name = "{0} {1} bits mode {2}")
    @CsvSource(nullValues = "null", value = {
            "aes, 100, null", "aes, 512, null", "aes, 0, null", "aes, 128, xts", "aes, 384, xts",
            "hmacsha256, 64, null", "hmacsha256, 130, null", "hmacsha256, 2048, null",
            "des, 64, null", "rsa, 2048, null", "null, 256, null"})
    void ungeneratableKeysAreRefused(String algorithm, int bits, String mode) {
        assertBadRequest(() -> spec(order("key", meta(algorithm, bits, mode))));
    }

    @Test
    void keyOrderWithoutBitLengthIsRefused() {
        assertBadRequest(() -> spec(order("key",
                Json.createObjectBuilder().add("algorithm", "aes").build())));
    }

    @ParameterizedTest
    @CsvSource({"rsa, 2048", "RSA, 3072", "rsa, 4096"})
    void rsaPairsAreAccepted(String algorithm, int bits) {
        OrderSpec spec = spec(order("asymmetric", meta(algorithm, bits, null)));
        assertEquals(OrderSpec.ASYMMETRIC, spec.type());
        assertEquals("rsa", spec.algorithm());
        assertEquals(bits, spec.bitLength());
    }

    @ParameterizedTest
    @CsvSource({"rsa, 1024", "rsa, 512", "rsa, 8192", "rsa, 2047", "ec, 256", "dsa, 2048"})
    void weakOrUnsupportedPairsAreRefused(String algorithm, int bits) {
        assertBadRequest(() -> spec(order("asymmetric", meta(algorithm, bits, null))));
    }

    @Test
    void unknownOrMissingTypeIsRefused() {
        assertBadRequest(() -> spec(order("certificate", meta("aes", 256, null))));
        assertBadRequest(() -> spec(order("symmetric", meta("aes", 256, null))));
        assertBadRequest(() -> spec(Json.createObjectBuilder()
                .add("meta", meta("aes", 256, null)).build()));
    }

    @Test
    void missingOrMalformedMetaIsRefused() {
        assertBadRequest(() -> spec(Json.createObjectBuilder().add("type", "key").build()));
        assertBadRequest(() -> spec(Json.createObjectBuilder().add("type", "key")
                .addNull("meta").build()));
        assertBadRequest(() -> spec(Json.createObjectBuilder().add("type", "key")
                .add("meta", "aes-256").build()));
        assertBadRequest(() -> spec(null));
    }

    @Test
    void bitLengthAsStringIsRefused() {
        assertBadRequest(() -> spec(order("key",
                Json.createObjectBuilder().add("algorithm", "aes").add("bit_length", "256").build())));
    }

    @Test
    void generatedKeysAreOctetStreamOnly() {
        assertBadRequest(() -> spec(order("key", Json.createObjectBuilder().add("algorithm", "aes")
                .add("bit_length", 256).add("payload_content_type", "text/plain").build())));
        assertEquals(256, spec(order("key", Json.createObjectBuilder().add("algorithm", "aes")
                .add("bit_length", 256).add("payload_content_type", "Application/Octet-Stream").build()))
                .bitLength());
    }

    @Test
    void passphraseProtectedKeysAreRefused() {
        assertBadRequest(() -> spec(order("asymmetric", Json.createObjectBuilder()
                .add("algorithm", "rsa").add("bit_length", 2048).add("pass_phrase", "hunter2").build())));
    }

    @Test
    void badExpirationIsRefused() {
        assertBadRequest(() -> spec(order("key", Json.createObjectBuilder().add("algorithm", "aes")
                .add("bit_length", 256).add("expiration", "next week").build())));
    }

    /** An order request bound as the resource receives it. */
    private static OrderSpec spec(JsonValue body) {
        return OrdersResource.spec(RecordBinder.bind(body, OrdersResource.NewOrderRequest.class));
    }

    private static JsonObject order(String type, JsonObject meta) {
        return Json.createObjectBuilder().add("type", type).add("meta", meta).build();
    }

    private static JsonObject meta(String algorithm, int bits, String mode) {
        JsonObjectBuilder meta = Json.createObjectBuilder().add("bit_length", bits);
        if (algorithm != null) {
            meta.add("algorithm", algorithm);
        }
        if (mode != null) {
            meta.add("mode", mode);
        }
        return meta.build();
    }
}
