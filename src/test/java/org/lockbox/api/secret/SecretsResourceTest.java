package org.lockbox.api.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The type a payload is served as for an Accept header, as Barbican decides it. */
class SecretsResourceTest {

    private static final String OCTET = "application/octet-stream";
    private static final String TEXT = "text/plain";
    private static final byte[] UTF8 = "h\u00e9llo".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NOT_UTF8 = {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3};

    @Test
    void absentOrWildcardAcceptGivesTheStoredType() {
        assertEquals(Optional.of(OCTET), SecretsResource.servedType(null, OCTET, NOT_UTF8));
        assertEquals(Optional.of(OCTET), SecretsResource.servedType("", OCTET, NOT_UTF8));
        assertEquals(Optional.of(OCTET), SecretsResource.servedType("  ", OCTET, NOT_UTF8));
        assertEquals(Optional.of(OCTET), SecretsResource.servedType("*/*", OCTET, NOT_UTF8));
        assertEquals(Optional.of(OCTET), SecretsResource.servedType("application/*", OCTET, NOT_UTF8));
        assertEquals(Optional.of(TEXT), SecretsResource.servedType("text/*", TEXT, UTF8));
    }

    @Test
    void anyBinaryTypeServesTheBytesWhateverTheStoredType() {
        assertEquals(Optional.of(OCTET), SecretsResource.servedType("Application/Octet-Stream", OCTET, NOT_UTF8));
        assertEquals(Optional.of(OCTET), SecretsResource.servedType("application/octet-stream", TEXT, UTF8));
        assertEquals(Optional.of("application/pkcs8"), SecretsResource.servedType("application/pkcs8", OCTET, NOT_UTF8));
        assertEquals(Optional.of(OCTET),
                SecretsResource.servedType("application/json, application/octet-stream;q=0.5", OCTET, NOT_UTF8));
    }

    @Test
    void textIsServedOnlyForUtf8Material() {
        assertEquals(Optional.of(TEXT), SecretsResource.servedType("text/plain", TEXT, UTF8));
        assertEquals(Optional.of(TEXT), SecretsResource.servedType("text/plain; charset=utf-8", TEXT, UTF8));
        assertEquals(Optional.of(TEXT), SecretsResource.servedType("text/plain", OCTET, UTF8));
        assertEquals(Optional.empty(), SecretsResource.servedType("text/plain", OCTET, NOT_UTF8));
        assertEquals(Optional.empty(), SecretsResource.servedType("text/*", OCTET, UTF8));
    }

    @Test
    void unknownTypesAreNotAcceptable() {
        assertEquals(Optional.empty(), SecretsResource.servedType("application/json", OCTET, NOT_UTF8));
        assertEquals(Optional.empty(), SecretsResource.servedType("application/octet", OCTET, NOT_UTF8));
        assertEquals(Optional.empty(), SecretsResource.servedType("/*", OCTET, NOT_UTF8));
        assertEquals(Optional.empty(), SecretsResource.servedType("text/html", TEXT, UTF8));
    }
}
