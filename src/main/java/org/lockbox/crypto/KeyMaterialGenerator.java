package org.lockbox.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.RSAKeyGenParameterSpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Generates key material from the DRBG: symmetric keys and RSA key pairs (PEM, as Barbican stores them). */
@ApplicationScoped
public class KeyMaterialGenerator {

    private final SecureRandom random;

    @Inject
    public KeyMaterialGenerator(SecureRandom random) {
        this.random = random;
    }

    /** For CDI's client proxy only. */
    protected KeyMaterialGenerator() {
        this.random = null;
    }

    /** A PEM private key (PKCS#8) and public key (SubjectPublicKeyInfo). */
    public record PemKeyPair(byte[] privateKeyPem, byte[] publicKeyPem) {
    }

    public byte[] symmetric(int bits) {
        if (bits <= 0 || bits % 8 != 0) {
            throw new IllegalArgumentException("Key length must be a positive multiple of 8 bits");
        }
        byte[] key = new byte[bits / 8];
        random.nextBytes(key);
        return key;
    }

    public PemKeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), random);
            KeyPair pair = generator.generateKeyPair();
            return new PemKeyPair(
                    Pem.encode(Pem.PRIVATE_KEY, pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII),
                    Pem.encode(Pem.PUBLIC_KEY, pair.getPublic().getEncoded()).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is unavailable", e);
        }
    }
}
