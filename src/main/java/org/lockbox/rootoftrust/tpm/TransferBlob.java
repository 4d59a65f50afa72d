package org.lockbox.rootoftrust.tpm;

import java.util.List;

/**
 * A secret made for one enrolled TPM: a credential for its endorsement key (TPMS_ID_OBJECT integrity
 * HMAC and encrypted identity, plus the seed encrypted to the EK) carrying the inner wrapping key,
 * and a TPM2_Import duplication of a sealed data object (its TPMT_PUBLIC, the duplicate private
 * area and the seed encrypted to the storage key). Binary form: magic "LBTB", version 1, then the
 * six fields in component order, each as a 4-byte big-endian length and its bytes.
 */
public record TransferBlob(byte[] credentialHmac, byte[] credentialIdentity, byte[] credentialSeed,
                           byte[] objectPublic, byte[] duplicate, byte[] importSeed) {

    private static final String MAGIC = "LBTB";

    public TransferBlob {
        credentialHmac = credentialHmac.clone();
        credentialIdentity = credentialIdentity.clone();
        credentialSeed = credentialSeed.clone();
        objectPublic = objectPublic.clone();
        duplicate = duplicate.clone();
        importSeed = importSeed.clone();
    }

    @Override
    public byte[] credentialHmac() {
        return credentialHmac.clone();
    }

    @Override
    public byte[] credentialIdentity() {
        return credentialIdentity.clone();
    }

    @Override
    public byte[] credentialSeed() {
        return credentialSeed.clone();
    }

    @Override
    public byte[] objectPublic() {
        return objectPublic.clone();
    }

    @Override
    public byte[] duplicate() {
        return duplicate.clone();
    }

    @Override
    public byte[] importSeed() {
        return importSeed.clone();
    }

    public byte[] toBytes() {
        return TransferEncoding.encode(MAGIC, credentialHmac, credentialIdentity, credentialSeed, objectPublic,
                duplicate, importSeed);
    }

    /** Parses the binary form; throws IllegalArgumentException if it is not one. */
    public static TransferBlob fromBytes(byte[] encoded) {
        List<byte[]> f = TransferEncoding.decode(MAGIC, 6, encoded);
        return new TransferBlob(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5));
    }

    @Override
    public String toString() {
        return "TransferBlob[" + toBytes().length + " bytes]";
    }
}
