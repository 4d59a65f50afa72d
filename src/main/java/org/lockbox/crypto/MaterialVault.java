package org.lockbox.crypto;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Wraps and unwraps a secret's material under its project's KEK, bound to the secret's row. */
@ApplicationScoped
public class MaterialVault {

    @Inject
    KeyEncryptionKeys keks;

    @Inject
    Wrapping wrapping;

    /** The service whose KEK of a project is the tenant's own, holding no service's keys' material. */
    public static final String TENANT_SERVICE = "default";

    /** Material as stored: the KEK version that wrapped it and the wrapped bytes. */
    public record Wrapped(int kekVersion, byte[] bytes) {
    }

    public Wrapped wrap(String secretId, String projectId, String service, byte[] material) {
        KeyEncryptionKeys.ActiveKek kek = keks.current(service, projectId);
        return new Wrapped(kek.version(), wrapping.wrap(kek.key(), material,
                Binding.material(secretId, projectId, service, kek.version())));
    }

    /**
     * A secret's material rewrapped from one KEK version to another of the same project, bound to
     * the new version; the material itself is unchanged and cleared from memory at once.
     */
    public byte[] rewrap(String secretId, String projectId, String service, Wrapped stored, int toKekVersion) {
        byte[] material = unwrap(secretId, projectId, service, stored);
        try {
            return wrapping.wrap(keks.forVersion(service, projectId, toKekVersion), material,
                    Binding.material(secretId, projectId, service, toKekVersion));
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /** The tenant's share of a dual-locked key, wrapped under the project's own (default service's) KEK. */
    public Wrapped wrapTenantShare(String secretId, String projectId, byte[] share) {
        KeyEncryptionKeys.ActiveKek kek = keks.current(TENANT_SERVICE, projectId);
        return new Wrapped(kek.version(), wrapping.wrap(kek.key(), share,
                Binding.tenantShare(secretId, projectId, kek.version())));
    }

    public byte[] unwrapTenantShare(String secretId, String projectId, Wrapped stored) {
        return wrapping.unwrap(keks.forVersion(TENANT_SERVICE, projectId, stored.kekVersion()), stored.bytes(),
                Binding.tenantShare(secretId, projectId, stored.kekVersion()));
    }

    public byte[] unwrap(String secretId, String projectId, String service, Wrapped stored) {
        return wrapping.unwrap(keks.forVersion(service, projectId, stored.kekVersion()), stored.bytes(),
                Binding.material(secretId, projectId, service, stored.kekVersion()));
    }
}
