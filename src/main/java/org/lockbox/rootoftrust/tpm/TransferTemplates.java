package org.lockbox.rootoftrust.tpm;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;

import tss.tpm.TPM2B_PUBLIC_KEY_RSA;
import tss.tpm.TPMA_OBJECT;
import tss.tpm.TPMS_NULL_ASYM_SCHEME;
import tss.tpm.TPMS_RSA_PARMS;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPMT_SYM_DEF_OBJECT;
import tss.tpm.TPM_ALG_ID;

/**
 * The key templates a transfer relies on: the TCG default RSA-2048 endorsement key (EK Credential
 * Profile template L-1, the key behind the EK certificate at NV index 0x01c00002) and the RSA-2048
 * storage key a transferred object is imported under.
 */
final class TransferTemplates {

    /** The EK's authPolicy: PolicySecret(TPM_RH_ENDORSEMENT). */
    static final byte[] EK_POLICY = HexFormat.of().parseHex(
            "837197674484b3f81a90cc8d46a5d724fd52d76e06520b64f2a1da1b331469aa");
    static final int RSA_EK_CERTIFICATE_INDEX = 0x01c00002;
    static final int RSA_BITS = 2048;
    static final int SYMMETRIC_BITS = 128;

    private TransferTemplates() {
    }

    /** The EK public area with the given modulus (256 zero bytes as the creation template). */
    static TPMT_PUBLIC endorsementKey(byte[] modulus) {
        return new TPMT_PUBLIC(TPM_ALG_ID.SHA256,
                new TPMA_OBJECT(TPMA_OBJECT.fixedTPM, TPMA_OBJECT.fixedParent, TPMA_OBJECT.sensitiveDataOrigin,
                        TPMA_OBJECT.adminWithPolicy, TPMA_OBJECT.restricted, TPMA_OBJECT.decrypt),
                EK_POLICY, rsaParameters(), new TPM2B_PUBLIC_KEY_RSA(modulus));
    }

    /** The EK public area an RSA-2048 EK certificate's key stands for. */
    static TPMT_PUBLIC endorsementKey(RSAPublicKey certified) {
        if (certified.getModulus().bitLength() != RSA_BITS
                || !certified.getPublicExponent().equals(BigInteger.valueOf(65537))) {
            throw new IllegalArgumentException("not an RSA-2048 key with exponent 65537");
        }
        return endorsementKey(unsigned(certified.getModulus(), RSA_BITS / 8));
    }

    /** The storage key: a restricted decryption primary in the owner hierarchy, as the TCG SRK template. */
    static TPMT_PUBLIC storageKey() {
        return new TPMT_PUBLIC(TPM_ALG_ID.SHA256,
                new TPMA_OBJECT(TPMA_OBJECT.fixedTPM, TPMA_OBJECT.fixedParent, TPMA_OBJECT.sensitiveDataOrigin,
                        TPMA_OBJECT.userWithAuth, TPMA_OBJECT.noDA, TPMA_OBJECT.restricted, TPMA_OBJECT.decrypt),
                new byte[0], rsaParameters(), new TPM2B_PUBLIC_KEY_RSA(new byte[RSA_BITS / 8]));
    }

    static TPMT_SYM_DEF_OBJECT aes128Cfb() {
        return new TPMT_SYM_DEF_OBJECT(TPM_ALG_ID.AES, SYMMETRIC_BITS, TPM_ALG_ID.CFB);
    }

    private static TPMS_RSA_PARMS rsaParameters() {
        return new TPMS_RSA_PARMS(aes128Cfb(), new TPMS_NULL_ASYM_SCHEME(), RSA_BITS, 0);
    }

    static byte[] unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return out;
    }
}
