package org.lockbox.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * AES-256-GCM wrapping with a random 96-bit nonce and the row's {@link Binding} as associated
 * data. Wrapped form: one format byte, the nonce, then ciphertext and 128-bit tag.
 */
@ApplicationScoped
public class Wrapping {

    static final byte FORMAT_AES_GCM = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;

    private final SecureRandom random;

    @Inject
    public Wrapping(SecureRandom random) {
        this.random = random;
    }

    /** For CDI's client proxy only. */
    protected Wrapping() {
        this.random = null;
    }

    public byte[] wrap(SecretKey key, byte[] plaintext, Binding binding) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = seal(key, nonce, plaintext, binding.associatedData());
        byte[] out = new byte[1 + NONCE_BYTES + sealed.length];
        out[0] = FORMAT_AES_GCM;
        System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
        System.arraycopy(sealed, 0, out, 1 + NONCE_BYTES, sealed.length);
        return out;
    }

    public byte[] unwrap(SecretKey key, byte[] wrapped, Binding binding) {
        if (wrapped == null || wrapped.length < 1 + NONCE_BYTES + TAG_BITS / 8 || wrapped[0] != FORMAT_AES_GCM) {
            throw UnwrapFailedException.integrity(binding.purpose());
        }
        byte[] nonce = Arrays.copyOfRange(wrapped, 1, 1 + NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(binding.associatedData());
            return cipher.doFinal(wrapped, 1 + NONCE_BYTES, wrapped.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw UnwrapFailedException.integrity(binding.purpose());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    /** AES-GCM encryption returning ciphertext followed by the tag (the form of the NIST vectors). */
    static byte[] seal(SecretKey key, byte[] nonce, byte[] plaintext, byte[] associatedData) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }
}
