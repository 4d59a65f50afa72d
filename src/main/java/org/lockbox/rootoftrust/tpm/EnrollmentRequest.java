package org.lockbox.rootoftrust.tpm;

import java.util.List;

/**
 * What a new replica sends to be given master keys: its TPM's endorsement-key certificate (DER) and
 * the public area (TPMT_PUBLIC) of its storage key. Binary form: magic "LBER", version 1, then the
 * two fields in that order, each as a 4-byte big-endian length and its bytes.
 */
public record EnrollmentRequest(byte[] ekCertificate, byte[] storageKeyPublic) {

    private static final String MAGIC = "LBER";

    public EnrollmentRequest {
        ekCertificate = ekCertificate.clone();
        storageKeyPublic = storageKeyPublic.clone();
    }

    @Override
    public byte[] ekCertificate() {
        return ekCertificate.clone();
    }

    @Override
    public byte[] storageKeyPublic() {
        return storageKeyPublic.clone();
    }

    public byte[] toBytes() {
        return TransferEncoding.encode(MAGIC, ekCertificate, storageKeyPublic);
    }

    /** Parses the binary form; throws IllegalArgumentException if it is not one. */
    public static EnrollmentRequest fromBytes(byte[] encoded) {
        List<byte[]> fields = TransferEncoding.decode(MAGIC, 2, encoded);
        return new EnrollmentRequest(fields.get(0), fields.get(1));
    }

    @Override
    public String toString() {
        return "EnrollmentRequest[EK certificate " + ekCertificate.length + " bytes, storage key public area "
                + storageKeyPublic.length + " bytes]";
    }
}
