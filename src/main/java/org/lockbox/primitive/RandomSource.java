package org.lockbox.primitive;

import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one source of randomness for keys, KEKs and nonces: a NIST SP 800-90A DRBG at 256-bit strength. */
@ApplicationScoped
public class RandomSource {

    @Produces
    @Singleton
    public SecureRandom secureRandom() {
        return strongRandom();
    }

    /** Hash_DRBG seeded from the operating system's entropy source, reseeded on request. */
    public static SecureRandom strongRandom() {
        try {
            return SecureRandom.getInstance("DRBG", DrbgParameters.instantiation(256,
                    DrbgParameters.Capability.RESEED_ONLY, "lockbox".getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No 256-bit DRBG is available in this JVM", e);
        }
    }
}
