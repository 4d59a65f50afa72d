package org.lockbox.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Barbican v1 API and Lockbox's extensions, served from the server's root. The OpenAPI
 * document (/openapi) is built from the annotations on the resources; the error responses they
 * share are listed once in {@link SharedResponses}.
 */
@ApplicationPath("/")
@OpenAPIDefinition(
        info = @Info(title = "Lockbox", version = "1.1",
                description = "Key manager for cloud storage encryption, compatible with the OpenStack Barbican v1 API"
                        + " (microversions 1.0 and 1.1). Every error is a JSON body {code, title, description}."),
        tags = {
                @Tag(name = "Versions", description = "Version discovery (no token needed)"),
                @Tag(name = "Secrets", description = "Barbican secrets: metadata and wrapped material"),
                @Tag(name = "Secret metadata", description = "User-defined key/value pairs on a secret"),
                @Tag(name = "Secret consumers", description = "Services registered as users of a secret (API 1.1)"),
                @Tag(name = "Orders", description = "Server-side generation of keys and key pairs"),
                @Tag(name = "Containers", description = "Named groups of secrets: generic, rsa, certificate"),
                @Tag(name = "Container consumers", description = "Services registered as users of a container"),
                @Tag(name = "Quotas", description = "How many secrets, orders, containers and consumers a project may hold"),
                @Tag(name = "ACLs", description = "Who may read a secret or container beyond its project's roles"),
                @Tag(name = "Key groups", description = "Lockbox: clones of a key and the groups that tie them together"),
                @Tag(name = "Secret stores", description = "The store back end and a project's preferred store"),
                @Tag(name = "Master keys", description = "Lockbox: per-service master-key versions, provisioning and retirement"),
                @Tag(name = "Key-encryption keys", description = "Lockbox: a project's KEK versions and their rotation"),
                @Tag(name = "Rotations", description = "Lockbox: background rewrapping after a master-key or KEK rotation"),
                @Tag(name = "Grants", description = "Lockbox: write-only grants to services, read grants and per-key"
                        + " delegations through trusts"),
                @Tag(name = "Trusts", description = "Lockbox: the Keystone trusts seen in force"),
                @Tag(name = "Audit", description = "Lockbox: the hash-chained audit trail, its CADF export and its verification"),
                @Tag(name = "Deletions", description = "Lockbox: secrets pending deletion in their grace period, and their restore"),
                @Tag(name = "Inventory", description = "Lockbox: the read-only key inventory across projects the admin console shows; metadata only")},
        security = @SecurityRequirement(name = "token"),
        components = @Components(
                securitySchemes = @SecurityScheme(securitySchemeName = "token", type = SecuritySchemeType.APIKEY,
                        in = SecuritySchemeIn.HEADER, apiKeyName = "X-Auth-Token",
                        description = "A Keystone or development-issuer token; Authorization: Bearer is accepted too"),
                schemas = @Schema(name = "ErrorBody", implementation = ErrorBody.class)))
public class LockboxApplication extends Application {
}
