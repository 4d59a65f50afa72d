package org.lockbox.rootoftrust.tpm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

import org.lockbox.rootoftrust.SealingException;

import tss.Tpm;
import tss.TpmException;
import tss.tpm.TPM2B_PRIVATE;
import tss.tpm.TPM2B_PUBLIC_KEY_RSA;
import tss.tpm.TPMS_ID_OBJECT;
import tss.tpm.TPMS_PCR_SELECTION;
import tss.tpm.TPMS_SENSITIVE_CREATE;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPMT_SYM_DEF;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_HANDLE;
import tss.tpm.TPM_RC;
import tss.tpm.TPM_RH;
import tss.tpm.TPM_SE;

/**
 * The new replica's side of a key transfer, on its own TPM: the enrollment request (EK certificate
 * and storage key), then ActivateCredential with the EK, TPM2_Import under the storage key, Load
 * and Unseal, handing the secret to the caller to re-seal under its own policy. Each call creates
 * RSA-2048 primaries (EK and storage key), so give the client a deadline a hardware TPM can meet.
 */
public final class KeyTransferReceiver {

    private static final int NV_CHUNK = 512;

    private final TpmClient client;

    public KeyTransferReceiver(TpmClient client) {
        this.client = client;
    }

    /** This TPM's RSA EK certificate and storage key public area, checked to belong together. */
    public EnrollmentRequest enrollmentRequest() throws SealingException {
        return client.withTpm("make an enrollment request", tpm -> {
            byte[] certificate = readEkCertificate(tpm);
            checkCertificateIsForEk(tpm, certificate);
            TPM_HANDLE storageKey = createPrimary(tpm, TPM_RH.OWNER, TransferTemplates.storageKey());
            try {
                TPMT_PUBLIC storagePublic = tpm.ReadPublic(storageKey).outPublic;
                return new EnrollmentRequest(certificate, storagePublic.toBytes());
            } finally {
                flush(tpm, storageKey);
            }
        });
    }

    /** The secret in a blob made for this TPM (the caller re-seals, then clears it); fails for any other blob. */
    public byte[] receive(TransferBlob blob) throws SealingException {
        return client.withTpm("receive a transferred key", tpm -> {
            TPMT_PUBLIC objectPublic = objectPublic(blob);
            TPM_HANDLE storageKey = createPrimary(tpm, TPM_RH.OWNER, TransferTemplates.storageKey());
            byte[] innerKey = null;
            try {
                innerKey = activateCredential(tpm, storageKey, blob);
                return importAndUnseal(tpm, storageKey, objectPublic, blob, innerKey);
            } finally {
                if (innerKey != null) {
                    Arrays.fill(innerKey, (byte) 0);
                }
                flush(tpm, storageKey);
            }
        });
    }

    /** The import half alone, given the inner wrapping key that ActivateCredential would release. */
    byte[] receive(TransferBlob blob, byte[] innerKey) throws SealingException {
        return client.withTpm("import a transferred key", tpm -> {
            TPMT_PUBLIC objectPublic = objectPublic(blob);
            TPM_HANDLE storageKey = createPrimary(tpm, TPM_RH.OWNER, TransferTemplates.storageKey());
            try {
                return importAndUnseal(tpm, storageKey, objectPublic, blob, innerKey);
            } finally {
                flush(tpm, storageKey);
            }
        });
    }

    private static TPMT_PUBLIC objectPublic(TransferBlob blob) throws SealingException {
        try {
            return TPMT_PUBLIC.fromBytes(blob.objectPublic());
        } catch (RuntimeException e) {
            throw new SealingException("The transfer blob's object public area is malformed");
        }
    }

    private static byte[] importAndUnseal(Tpm tpm, TPM_HANDLE storageKey, TPMT_PUBLIC objectPublic, TransferBlob blob,
                                          byte[] innerKey) throws SealingException {
        TPM2B_PRIVATE imported = tpm._allowErrors().Import(storageKey, innerKey, objectPublic,
                new TPM2B_PRIVATE(blob.duplicate()), blob.importSeed(), TransferTemplates.aes128Cfb());
        refuseUnlessSuccess(tpm, "import");
        TPM_HANDLE loaded = tpm.Load(storageKey, imported, objectPublic);
        try {
            return tpm.Unseal(loaded);
        } finally {
            flush(tpm, loaded);
        }
    }

    /** The inner wrapping key, released by the EK only to a credential bound to this storage key's name. */
    private static byte[] activateCredential(Tpm tpm, TPM_HANDLE storageKey, TransferBlob blob) throws SealingException {
        TPM_HANDLE ek = createEk(tpm);
        TPM_HANDLE session = null;
        try {
            byte[] nonce = new byte[16];
            new SecureRandom().nextBytes(nonce);
            session = tpm.StartAuthSession(TPM_HANDLE.NULL, TPM_HANDLE.NULL, nonce, new byte[0], TPM_SE.POLICY,
                    new TPMT_SYM_DEF(TPM_ALG_ID.NULL, 0, TPM_ALG_ID.NULL), TPM_ALG_ID.SHA256).handle;
            tpm.PolicySecret(TPM_HANDLE.from(TPM_RH.ENDORSEMENT), session, new byte[0], new byte[0], new byte[0], 0);
            byte[] innerKey = tpm._allowErrors()._withSessions(TPM_HANDLE.pwSession(new byte[0]), session)
                    .ActivateCredential(storageKey, ek,
                            new TPMS_ID_OBJECT(blob.credentialHmac(), blob.credentialIdentity()), blob.credentialSeed());
            refuseUnlessSuccess(tpm, "credential activation");
            return innerKey;
        } finally {
            flush(tpm, session);
            flush(tpm, ek);
        }
    }

    /** A refusal is expected for blobs made for other TPMs, so the TPM's answer is checked rather than thrown. */
    private static void refuseUnlessSuccess(Tpm tpm, String step) throws SealingException {
        TPM_RC rc = tpm._getLastResponseCode();
        if (rc != null && rc.toInt() != TPM_RC.SUCCESS.toInt()) {
            throw new SealingException("This TPM refused the transfer blob's " + step + " (" + rc
                    + "): the blob was made for another TPM or was altered");
        }
    }

    private static byte[] readEkCertificate(Tpm tpm) throws SealingException {
        TPM_HANDLE index = TPM_HANDLE.from(TransferTemplates.RSA_EK_CERTIFICATE_INDEX);
        int size;
        try {
            size = tpm.NV_ReadPublic(index).nvPublic.dataSize;
        } catch (TpmException e) {
            throw new SealingException("This TPM has no RSA EK certificate at NV index 0x01c00002"
                    + " (provision it, e.g. swtpm_setup --create-ek-cert)");
        }
        ByteArrayOutputStream certificate = new ByteArrayOutputStream(size);
        for (int offset = 0; offset < size; offset += NV_CHUNK) {
            certificate.writeBytes(tpm.NV_Read(index, index, Math.min(NV_CHUNK, size - offset), offset));
        }
        return certificate.toByteArray();
    }

    /** Fails early when the certificate is not for the EK this TPM derives from the default template. */
    private static void checkCertificateIsForEk(Tpm tpm, byte[] certificate) throws Exception {
        RSAPublicKey certified = (RSAPublicKey) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate)).getPublicKey();
        TPM_HANDLE ek = createEk(tpm);
        try {
            byte[] modulus = ((TPM2B_PUBLIC_KEY_RSA) tpm.ReadPublic(ek).outPublic.unique).buffer;
            if (!Arrays.equals(modulus, TransferTemplates.unsigned(certified.getModulus(), modulus.length))) {
                throw new SealingException("The EK certificate at NV index 0x01c00002 is not for this TPM's"
                        + " default RSA endorsement key");
            }
        } finally {
            flush(tpm, ek);
        }
    }

    private static TPM_HANDLE createEk(Tpm tpm) {
        return createPrimary(tpm, TPM_RH.ENDORSEMENT,
                TransferTemplates.endorsementKey(new byte[TransferTemplates.RSA_BITS / 8]));
    }

    private static TPM_HANDLE createPrimary(Tpm tpm, TPM_RH hierarchy, TPMT_PUBLIC template) {
        return tpm.CreatePrimary(TPM_HANDLE.from(hierarchy), new TPMS_SENSITIVE_CREATE(new byte[0], new byte[0]),
                template, new byte[0], new TPMS_PCR_SELECTION[0]).handle;
    }

    private static void flush(Tpm tpm, TPM_HANDLE handle) {
        if (handle != null) {
            tpm._allowErrors().FlushContext(handle);
        }
    }
}
