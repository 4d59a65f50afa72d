package org.lockbox.api;

import java.util.List;
import java.util.Map;

import jakarta.json.bind.annotation.JsonbNillable;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lockbox.identity.Caller;
import org.lockbox.secret.Secret;

/** A secret's metadata as Barbican returns it; never its material. Consumers are shown from API 1.1 on. */
@Schema(name = "Secret", description = "A secret's metadata; the material is only at .../payload")
public record SecretView(String secretRef, String name, String secretType, String algorithm, Integer bitLength,
                         String mode, String status, String creatorId, String created, String updated,
                         String expiration, Map<String, String> contentTypes,
                         @JsonbNillable(false) @Schema(description = "Present with API version 1.1")
                         List<ConsumerRef> consumers,
                         @Schema(description = "Lockbox extension: entity, user, project or domain") String scope,
                         @Schema(description = "Lockbox extension: the entity an entity-scoped key protects")
                         String entityId,
                         @Schema(description = "Lockbox extension: the service that owns the key (null: none)")
                         String ownerService,
                         @Schema(description = "Lockbox extension: whether the key is dual-locked") boolean dualLock,
                         @JsonbNillable(false) @Schema(description = "Lockbox: the key group it belongs to, if any")
                         String groupRef,
                         @JsonbNillable(false) @Schema(description = "Lockbox: the secret it was cloned from, if any")
                         String clonedFrom) {

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
}
