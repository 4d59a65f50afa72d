package org.lockbox.secret;

import java.time.OffsetDateTime;

/** A validated request for a secret; payload and content type are both present or both absent. */
public record NewSecret(String name, SecretType type, String algorithm, Integer bitLength, String mode,
                        OffsetDateTime expiration, String contentType, byte[] payload) {

    public NewSecret withPayload(String normalisedContentType, byte[] material) {
        return new NewSecret(name, type, algorithm, bitLength, mode, expiration, normalisedContentType, material);
    }

    @Override
    public String toString() {
        return "NewSecret[" + type + ", " + algorithm + ", " + bitLength + " bits]";
    }
}
