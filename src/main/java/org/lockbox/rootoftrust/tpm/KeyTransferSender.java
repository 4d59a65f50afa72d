package org.lockbox.rootoftrust.tpm;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tss.tpm.TPM2B_DIGEST_KEYEDHASH;
import tss.tpm.TPM2B_PUBLIC_KEY_RSA;
import tss.tpm.TPM2B_SENSITIVE_DATA;
import tss.tpm.TPMA_OBJECT;
import tss.tpm.TPMS_KEYEDHASH_PARMS;
import tss.tpm.TPMS_NULL_SCHEME_KEYEDHASH;
import tss.tpm.TPMS_RSA_PARMS;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPMT_SENSITIVE;
import tss.tpm.TPM_ALG_ID;

/**
 * Wraps a secret for one enrolled TPM, in software: checks the enrollment request (EK certificate
 * chained to a trusted CA, a restricted-decrypt RSA-2048 storage key), then duplicates a sealed data
 * object holding the secret to that storage key with an inner key sent by MakeCredential to the EK.
 */
public final class KeyTransferSender {

    /** The most a sealed data object can hold (MAX_SYM_DATA). */
    public static final int MAX_SECRET = 128;

    private final Set<TrustAnchor> trustedCas;
    private final List<X509Certificate> intermediateCas;
    private final TpmWrapping wrapping;

    /** Trusts EK certificates that chain to one of the CAs, through the intermediates if needed. */
    public KeyTransferSender(Collection<X509Certificate> trustedCas, Collection<X509Certificate> intermediateCas,
                             SecureRandom random) {
        if (trustedCas.isEmpty()) {
            throw new IllegalArgumentException("At least one trusted EK CA certificate is needed");
        }
        this.trustedCas = trustedCas.stream().map(ca -> new TrustAnchor(ca, null)).collect(Collectors.toSet());
        this.intermediateCas = List.copyOf(intermediateCas);
        this.wrapping = new TpmWrapping(random);
    }

    /** The transfer blob that only the TPM behind the request can open; the secret is not retained. */
    public TransferBlob wrap(EnrollmentRequest request, byte[] secret) throws TransferRefusedException {
        if (secret.length == 0 || secret.length > MAX_SECRET) {
            throw new TransferRefusedException("A transferred secret has 1 to " + MAX_SECRET + " bytes, not "
                    + secret.length);
        }
        byte[] innerKey = wrapping.randomBytes(TransferTemplates.SYMMETRIC_BITS / 8);
        try {
            return wrap(request, secret, innerKey);
        } finally {
            Arrays.fill(innerKey, (byte) 0);
        }
    }

    /** As {@link #wrap(EnrollmentRequest, byte[])} with a given inner wrapping key, so the import can be tried alone. */
    TransferBlob wrap(EnrollmentRequest request, byte[] secret, byte[] innerKey) throws TransferRefusedException {
        TPMT_PUBLIC ek = TransferTemplates.endorsementKey(verifiedEkKey(request.ekCertificate()));
        TPMT_PUBLIC storageKey = checkedStorageKey(request.storageKeyPublic());
        byte[] seedValue = wrapping.randomBytes(32);
        byte[] sensitive = null;
        byte[] uniqueInput = TpmWrapping.concat(seedValue, secret);
        try {
            TPMT_PUBLIC object = sealedObject(TpmWrapping.sha256(uniqueInput));
            byte[] objectName = object.getName();
            sensitive = new TPMT_SENSITIVE(new byte[0], seedValue, new TPM2B_SENSITIVE_DATA(secret)).toBytes();
            TpmWrapping.Duplicate duplicate = wrapping.duplicate(storageKey, objectName, sensitive, innerKey);
            TpmWrapping.Credential credential = wrapping.makeCredential(ek, storageKey.getName(), innerKey);
            return new TransferBlob(credential.integrityHmac(), credential.encIdentity(), credential.encryptedSeed(),
                    object.toBytes(), duplicate.duplicate(), duplicate.encryptedSeed());
        } catch (GeneralSecurityException e) {
            throw new TransferRefusedException("Cannot wrap for this TPM: " + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(seedValue, (byte) 0);
            Arrays.fill(uniqueInput, (byte) 0);
            if (sensitive != null) {
                Arrays.fill(sensitive, (byte) 0);
            }
        }
    }

    /** The public area of a sealed data object with an empty password; encryptedDuplication demands the inner wrapper. */
    private static TPMT_PUBLIC sealedObject(byte[] unique) {
        return new TPMT_PUBLIC(TPM_ALG_ID.SHA256,
                new TPMA_OBJECT(TPMA_OBJECT.userWithAuth, TPMA_OBJECT.noDA, TPMA_OBJECT.encryptedDuplication),
                new byte[0], new TPMS_KEYEDHASH_PARMS(new TPMS_NULL_SCHEME_KEYEDHASH()),
                new TPM2B_DIGEST_KEYEDHASH(unique));
    }

    private RSAPublicKey verifiedEkKey(byte[] der) throws TransferRefusedException {
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new TransferRefusedException("The EK certificate is not a DER X.509 certificate");
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(certificate);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(trustedCas, target);
            parameters.setRevocationEnabled(false);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(
                    Stream.concat(intermediateCas.stream(), Stream.of(certificate)).toList())));
            CertPathBuilder.getInstance("PKIX").build(parameters);
        } catch (GeneralSecurityException e) {
            throw new TransferRefusedException("The EK certificate of " + certificate.getSubjectX500Principal()
                    + " issued by " + certificate.getIssuerX500Principal()
                    + " does not chain to a trusted EK CA: " + e.getMessage());
        }
        if (!(certificate.getPublicKey() instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() != 2048
                || !rsa.getPublicExponent().equals(BigInteger.valueOf(65537))) {
            throw new TransferRefusedException("The EK certificate does not certify an RSA-2048 endorsement key"
                    + " with exponent 65537");
        }
        return rsa;
    }

    private static TPMT_PUBLIC checkedStorageKey(byte[] publicArea) throws TransferRefusedException {
        TPMT_PUBLIC key;
        try {
            key = TPMT_PUBLIC.fromBytes(publicArea);
        } catch (RuntimeException e) {
            throw new TransferRefusedException("The storage key is not a TPMT_PUBLIC");
        }
        int attributes = key.objectAttributes == null ? 0 : key.objectAttributes.toInt();
        int required = TPMA_OBJECT.restricted.toInt() | TPMA_OBJECT.decrypt.toInt() | TPMA_OBJECT.fixedTPM.toInt()
                | TPMA_OBJECT.fixedParent.toInt();
        boolean restrictedDecrypt = (attributes & required) == required && (attributes & TPMA_OBJECT.sign.toInt()) == 0;
        if (!restrictedDecrypt) {
            throw new TransferRefusedException("The storage key is not a restricted decryption key fixed to its TPM");
        }
        if (!(key.parameters instanceof TPMS_RSA_PARMS rsa) || !same(key.nameAlg, TPM_ALG_ID.SHA256)
                || rsa.keyBits != TransferTemplates.RSA_BITS || rsa.symmetric == null
                || !same(rsa.symmetric.algorithm, TPM_ALG_ID.AES) || rsa.symmetric.keyBits != TransferTemplates.SYMMETRIC_BITS
                || !same(rsa.symmetric.mode, TPM_ALG_ID.CFB)
                || !(key.unique instanceof TPM2B_PUBLIC_KEY_RSA modulus)
                || modulus.buffer.length != TransferTemplates.RSA_BITS / 8) {
            throw new TransferRefusedException("The storage key is not an RSA-2048 SHA-256 key with AES-128-CFB");
        }
        return key;
    }

    private static boolean same(TPM_ALG_ID actual, TPM_ALG_ID expected) {
        return actual != null && actual.toInt() == expected.toInt();
    }
}
