package org.lockbox.order;

import java.time.OffsetDateTime;

/** A validated order: what to generate, and the meta to echo back. */
public record OrderSpec(String type, String name, String algorithm, int bitLength, String mode,
                        OffsetDateTime expiration, String metaJson) {

    public static final String KEY = "key";
    public static final String ASYMMETRIC = "asymmetric";
}
