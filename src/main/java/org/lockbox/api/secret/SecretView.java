package org.lockbox.api.secret;

import java.util.List;
import java.util.Map;

import jakarta.json.bind.annotation.JsonbNillable;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lockbox.api.ApiVersion;
import org.lockbox.api.Hrefs;
import org.lockbox.api.Timestamps;
import org.lockbox.identity.Caller;
import org.lockbox.secret.Secret;

/**
 * A secret's metadata as Barbican returns it; never its material. Consumers are shown from API 1.1 on. Lockbox's
 * extension fields appear on a single secret only: python-barbicanclient builds its objects from every field of a
 * list item and fails on a field it does not know, so list items carry Barbican's fields alone.
 */
@Schema(name = "Secret", description = "A secret's metadata; the material is only at .../payload")
public record SecretView(String secretRef, String name, String secretType, String algorithm, Integer bitLength,
                         String mode, String status, String creatorId, String created, String updated,
                         String expiration, Map<String, String> contentTypes,
                         @JsonbNillable(false) @Schema(description = "Present with API version 1.1")
                         List<ConsumerRef> consumers,
                         @JsonbNillable(false) @Schema(description = EXTENSION + "entity, user, project or domain")
                         String scope,
                         @JsonbNillable(false) @Schema(description = EXTENSION + "the entity an entity-scoped key protects")
                         String entityId,
                         @JsonbNillable(false) @Schema(description = EXTENSION + "the service that owns the key, if any")
                         String ownerService,
                         @JsonbNillable(false) @Schema(description = EXTENSION + "whether the key is dual-locked")
                         Boolean dualLock,
                         @JsonbNillable(false) @Schema(description = EXTENSION + "the key group it belongs to, if any")
                         String groupRef,
                         @JsonbNillable(false) @Schema(description = EXTENSION + "the secret it was cloned from, if any")
                         String clonedFrom) {

    private static final String EXTENSION = "Lockbox extension, on a single secret only (not in lists): ";

    /** A consumer as a secret lists it. */
    @Schema(name = "SecretConsumerRef")
    public record ConsumerRef(String service, String resourceType, String resourceId) {
    }

    static SecretView of(Secret secret, String base) {
        return of(secret, base, ApiVersion.V1_0);
    }

    static SecretView of(Secret secret, String base, ApiVersion version) {
        return new SecretView(Hrefs.secret(base, secret.id()), secret.name(), secret.type().wireName(),
                secret.algorithm(), secret.bitLength(), secret.mode(), secret.status(), secret.creatorId(),
                Timestamps.format(secret.created()), Timestamps.format(secret.updated()), Timestamps.format(secret.expiration()),
                secret.hasPayload() ? Map.of("default", secret.contentType()) : null,
                version.atLeast(ApiVersion.V1_1) ? secret.consumers().stream()
                        .map(c -> new ConsumerRef(c.service(), c.resourceType(), c.resourceId())).toList() : null,
                secret.scope().wireName(), secret.entityId(),
                Caller.DEFAULT_SERVICE.equals(secret.service()) ? null : secret.service(), secret.dualLock(),
                secret.groupId() == null ? null : Hrefs.group(base, secret.groupId()),
                secret.clonedFrom() == null ? null : Hrefs.secret(base, secret.clonedFrom()));
    }

    /** The same secret as a list item: Barbican's fields only. */
    SecretView listed() {
        return new SecretView(secretRef, name, secretType, algorithm, bitLength, mode, status, creatorId, created,
                updated, expiration, contentTypes, consumers, null, null, null, null, null, null);
    }
}
