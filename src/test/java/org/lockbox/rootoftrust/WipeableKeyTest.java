package org.lockbox.rootoftrust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** A key that can be wiped: usable as any AES key until then, never usable as zeros after. */
class WipeableKeyTest {

    private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @Test
    void encryptsAsTheSameBytesInASecretKeySpecWould() throws Exception {
        byte[] nonce = new byte[12];
        byte[] plaintext = "material".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(encrypt(new SecretKeySpec(KEY, "AES"), nonce, plaintext),
                encrypt(new WipeableKey(KEY, "AES"), nonce, plaintext));
    }

    @Test
    void holdsItsOwnCopyAndHandsOutCopies() {
        byte[] bytes = KEY.clone();
        WipeableKey key = new WipeableKey(bytes, "AES");
        java.util.Arrays.fill(bytes, (byte) 0);
        byte[] handedOut = key.getEncoded();
        assertArrayEquals(KEY, handedOut);
        assertNotSame(handedOut, key.getEncoded());
    }

    @Test
    void destroyZeroesTheBytesAndRefusesLaterUse() throws Exception {
        WipeableKey key = new WipeableKey(KEY, "AES");
        Field field = WipeableKey.class.getDeclaredField("bytes");
        field.setAccessible(true);
        byte[] held = (byte[]) field.get(key);

        assertFalse(key.isDestroyed());
        key.destroy();

        assertTrue(key.isDestroyed());
        assertArrayEquals(new byte[KEY.length], held, "the bytes held were zeroed, not just dropped");
        assertThrows(IllegalStateException.class, key::getEncoded);
        assertThrows(IllegalStateException.class, () -> encrypt(key, new byte[12], new byte[1]));
        key.destroy(); // a second wipe is harmless
        assertTrue(key.toString().contains("wiped"));
    }

    @Test
    void isNeverSerialised() {
        assertThrows(NotSerializableException.class,
                () -> new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(new WipeableKey(KEY, "AES")));
    }

    @Test
    void wipingAnotherKindOfKeyLeavesItAlone() {
        SecretKeySpec spec = new SecretKeySpec(KEY, "AES");
        WipeableKey.wipe(spec);
        assertArrayEquals(KEY, spec.getEncoded());
    }

    private static byte[] encrypt(javax.crypto.SecretKey key, byte[] nonce, byte[] plaintext) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        return cipher.doFinal(plaintext);
    }
}
