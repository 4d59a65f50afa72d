package org.lockbox.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The row a wrapped key belongs to, authenticated as associated data so that a ciphertext copied
 * into another row fails to unwrap.
 */
public record Binding(String purpose, List<String> parts) {

    private static final String DOMAIN = "lockbox/wrap/v1/";

    public Binding {
        parts = List.copyOf(parts);
    }

    /** Key material of one secret, wrapped under its project's KEK. */
    public static Binding material(String secretId, String projectId, String service, int kekVersion) {
        return new Binding("material", List.of(secretId, projectId, service, Integer.toString(kekVersion)));
    }

    /**
     * The tenant's share of a dual-locked key's material, wrapped under the project's own KEK (that of
     * the default service); the service's share is bound as {@link #material}, under the service's KEK.
     */
    public static Binding tenantShare(String secretId, String projectId, int kekVersion) {
        return new Binding("tenant-share", List.of(secretId, projectId, MaterialVault.TENANT_SERVICE,
                Integer.toString(kekVersion)));
    }

    /** A project KEK, wrapped under its service's master key. */
    public static Binding kek(String service, String projectId, int kekVersion, int masterKeyVersion) {
        return new Binding("kek", List.of(service, projectId, Integer.toString(kekVersion),
                Integer.toString(masterKeyVersion)));
    }

    /** Length-prefixed encoding: no two different bindings share the same bytes. */
    public byte[] associatedData() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writePart(out, DOMAIN + purpose);
        for (String part : parts) {
            writePart(out, part);
        }
        return out.toByteArray();
    }

    private static void writePart(ByteArrayOutputStream out, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
