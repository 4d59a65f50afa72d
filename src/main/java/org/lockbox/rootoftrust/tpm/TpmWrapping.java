package org.lockbox.rootoftrust.tpm;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

import tss.tpm.TPM2B_PUBLIC_KEY_RSA;
import tss.tpm.TPMS_RSA_PARMS;
import tss.tpm.TPMT_PUBLIC;

/**
 * The software side of TPM2_MakeCredential and of a TPM2_Duplicate with inner and outer wrappers
 * (TPM 2.0 Part 1, sections 24 and 23.3) for RSA parents with SHA-256 and AES-128-CFB. Written
 * here rather than taken from TSS.Java's Tss.createActivationCredential/createDuplicationBlob,
 * which draw seeds and wrapping keys from java.util.Random.
 */
final class TpmWrapping {

    /** A credential blob: TPMS_ID_OBJECT's two fields and the seed encrypted to the EK. */
    record Credential(byte[] integrityHmac, byte[] encIdentity, byte[] encryptedSeed) {
    }

    /** A TPM2_Import duplicate (TPM2B_PRIVATE buffer) and its seed encrypted to the new parent. */
    record Duplicate(byte[] duplicate, byte[] encryptedSeed) {
    }

    private static final int DIGEST = 32;
    private final SecureRandom random;

    TpmWrapping(SecureRandom random) {
        this.random = random;
    }

    /** MakeCredential: the credential, readable only by the TPM holding the EK and an object with that name. */
    Credential makeCredential(TPMT_PUBLIC ek, byte[] objectName, byte[] credential) throws GeneralSecurityException {
        byte[] seed = randomBytes(DIGEST);
        try {
            byte[] encryptedSeed = oaep(ek, seed, "IDENTITY");
            byte[] symKey = kdfa(seed, "STORAGE", objectName, new byte[0], TransferTemplates.SYMMETRIC_BITS);
            byte[] encIdentity = aesCfb(symKey, sized(credential));
            Arrays.fill(symKey, (byte) 0);
            byte[] hmac = hmac(kdfa(seed, "INTEGRITY", new byte[0], new byte[0], DIGEST * 8),
                    concat(encIdentity, objectName));
            return new Credential(hmac, encIdentity, encryptedSeed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * Duplicate: the marshalled TPMT_SENSITIVE of an object with this name, wrapped with the inner key
     * (AES-128-CFB, with an integrity digest) and then with an outer wrapper to the new parent.
     */
    Duplicate duplicate(TPMT_PUBLIC newParent, byte[] objectName, byte[] sensitive, byte[] innerKey)
            throws GeneralSecurityException {
        byte[] sizedSensitive = sized(sensitive);
        byte[] innerPlain = concat(sized(sha256(concat(sizedSensitive, objectName))), sizedSensitive);
        byte[] encSensitive = aesCfb(innerKey, innerPlain);
        Arrays.fill(sizedSensitive, (byte) 0);
        Arrays.fill(innerPlain, (byte) 0);
        byte[] seed = randomBytes(DIGEST);
        try {
            byte[] encryptedSeed = oaep(newParent, seed, "DUPLICATE");
            byte[] symKey = kdfa(seed, "STORAGE", objectName, new byte[0], TransferTemplates.SYMMETRIC_BITS);
            byte[] dupSensitive = aesCfb(symKey, encSensitive);
            Arrays.fill(symKey, (byte) 0);
            byte[] outerHmac = hmac(kdfa(seed, "INTEGRITY", new byte[0], new byte[0], DIGEST * 8),
                    concat(dupSensitive, objectName));
            return new Duplicate(concat(sized(outerHmac), dupSensitive), encryptedSeed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** KDFa with HMAC-SHA256 (TPM 2.0 Part 1, section 11.4.10.2); the label is NUL-terminated. */
    static byte[] kdfa(byte[] key, String label, byte[] contextU, byte[] contextV, int bits)
            throws GeneralSecurityException {
        byte[] out = new byte[(bits + 7) / 8];
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        for (int counter = 1, done = 0; done < out.length; counter++) {
            ByteArrayOutputStream input = new ByteArrayOutputStream();
            input.writeBytes(ByteBuffer.allocate(4).putInt(counter).array());
            input.writeBytes(labelBytes);
            input.write(0);
            input.writeBytes(contextU);
            input.writeBytes(contextV);
            input.writeBytes(ByteBuffer.allocate(4).putInt(bits).array());
            byte[] block = hmac(key, input.toByteArray());
            int take = Math.min(block.length, out.length - done);
            System.arraycopy(block, 0, out, done, take);
            done += take;
        }
        return out;
    }

    static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    /** AES-CFB with a zero IV, as the TPM uses for these wrappers. */
    static byte[] aesCfb(byte[] key, byte[] data) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CFB/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
        return cipher.doFinal(data);
    }

    /** RSA-OAEP with SHA-256 to an RSA public area, with the TPM's NUL-terminated label. */
    private byte[] oaep(TPMT_PUBLIC rsaKey, byte[] data, String label) throws GeneralSecurityException {
        TPMS_RSA_PARMS parameters = (TPMS_RSA_PARMS) rsaKey.parameters;
        BigInteger exponent = BigInteger.valueOf(parameters.exponent == 0 ? 65537 : parameters.exponent);
        BigInteger modulus = new BigInteger(1, ((TPM2B_PUBLIC_KEY_RSA) rsaKey.unique).buffer);
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        byte[] labelBytes = Arrays.copyOf(label.getBytes(StandardCharsets.US_ASCII), label.length() + 1);
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                new PSource.PSpecified(labelBytes)), random);
        return cipher.doFinal(data);
    }

    static byte[] sha256(byte[] data) {
        return TpmClient.sha256(data);
    }

    /** A TPM2B: a 2-byte big-endian size, then the bytes. */
    static byte[] sized(byte[] data) {
        return concat(ByteBuffer.allocate(2).putShort((short) data.length).array(), data);
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] out = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }
}
