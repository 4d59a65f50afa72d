package org.lockbox.api;

import java.util.Map;

import org.lockbox.secret.Secret;

/** A secret's metadata as Barbican returns it; never its material. */
public record SecretView(String secretRef, String name, String secretType, String algorithm, Integer bitLength,
                         String mode, String status, String creatorId, String created, String updated,
                         String expiration, Map<String, String> contentTypes) {

    static SecretView of(Secret secret, String base) {
        return new SecretView(Hrefs.secret(base, secret.id()), secret.name(), secret.type().wireName(),
                secret.algorithm(), secret.bitLength(), secret.mode(), secret.status(), secret.creatorId(),
                Timestamps.format(secret.created()), Timestamps.format(secret.updated()), Timestamps.format(secret.expiration()),
                secret.hasPayload() ? Map.of("default", secret.contentType()) : null);
    }
}
