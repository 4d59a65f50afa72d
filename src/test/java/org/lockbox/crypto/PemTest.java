package org.lockbox.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class PemTest {

    private static final byte[] DER = HexFormat.of().parseHex(
            "3082010a0282010100c0ffee00112233445566778899aabbccddeeff0102030405060708090a0b0c0d0e0f");

    @Test
    void roundTrip() {
        String pem = Pem.encode(Pem.PUBLIC_KEY, DER);
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----"));
        assertTrue(pem.strip().endsWith("-----END PUBLIC KEY-----"));
        assertArrayEquals(DER, Pem.decode(Pem.PUBLIC_KEY, pem));
    }

    @Test
    void roundTripOfLongContentWrapsLines() {
        byte[] der = new byte[600];
        for (int i = 0; i < der.length; i++) {
            der[i] = (byte) i;
        }
        String pem = Pem.encode(Pem.PRIVATE_KEY, der);
        assertTrue(pem.lines().allMatch(line -> line.length() <= 64), pem);
        assertArrayEquals(der, Pem.decode(Pem.PRIVATE_KEY, pem));
    }

    @Test
    void wrongTypeIsRefused() {
        String pem = Pem.encode(Pem.PRIVATE_KEY, DER);
        assertThrows(IllegalArgumentException.class, () -> Pem.decode(Pem.PUBLIC_KEY, pem));
        String certificate = Pem.encode("CERTIFICATE", DER);
        assertThrows(IllegalArgumentException.class, () -> Pem.decode(Pem.PRIVATE_KEY, certificate));
    }

    @Test
    void textWithoutPemIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Pem.decode(Pem.PUBLIC_KEY, ""));
        assertThrows(IllegalArgumentException.class, () -> Pem.decode(Pem.PUBLIC_KEY, "not a pem at all"));
    }

    @Test
    void pemWithoutEndLineIsRefused() {
        String pem = Pem.encode(Pem.PUBLIC_KEY, DER);
        String truncated = pem.substring(0, pem.indexOf("-----END"));
        assertThrows(IllegalArgumentException.class, () -> Pem.decode(Pem.PUBLIC_KEY, truncated));
    }

    @Test
    void pemWithCorruptBase64IsRefused() {
        String corrupt = "-----BEGIN PUBLIC KEY-----\nMIIB*&^%$#@!\n-----END PUBLIC KEY-----\n";
        assertThrows(IllegalArgumentException.class, () -> Pem.decode(Pem.PUBLIC_KEY, corrupt));
    }
}
