package org.lockbox.rootoftrust.tpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockbox.rootoftrust.SealingException;

import tss.tpm.TPMA_OBJECT;
import tss.tpm.TPMT_PUBLIC;

/**
 * Moving a secret TPM to TPM between real software TPMs: B and C provisioned by swtpm_setup with
 * EK certificates, B's from the trusted local CA and C's from another one.
 */
class TpmKeyTransferTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static Swtpm tpmB;
    private static Swtpm tpmC;
    private static TpmClient clientB;
    private static TpmClient clientC;
    private static KeyTransferSender sender;
    private static EnrollmentRequest requestB;
    private static EnrollmentRequest requestC;

    @TempDir
    static Path temp;

    @BeforeAll
    static void provisionTpms() throws Exception {
        Path trustedCa = temp.resolve("trusted-ca");
        Path otherCa = temp.resolve("other-ca");
        tpmB = Swtpm.provisioned(temp.resolve("tpm-b"), trustedCa);
        tpmC = Swtpm.provisioned(temp.resolve("tpm-c"), otherCa);
        clientB = TpmClient.connect(tpmB.settings(temp.resolve("blobs-b"), SealingPolicy.pcr(List.of(23)), null, 10_000));
        clientC = TpmClient.connect(tpmC.settings(temp.resolve("blobs-c"), SealingPolicy.pcr(List.of(23)), null, 10_000));
        sender = new KeyTransferSender(List.of(certificate(Swtpm.caRootCertificate(trustedCa))),
                List.of(certificate(Swtpm.caIssuerCertificate(trustedCa))), RANDOM);
        requestB = new KeyTransferReceiver(clientB).enrollmentRequest();
        requestC = new KeyTransferReceiver(clientC).enrollmentRequest();
    }

    @AfterAll
    static void stopTpms() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {clientB, clientC, tpmB, tpmC}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static byte[] secret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return secret;
    }

    @Test
    void aSecretSentToTpmBComesBackIdenticalOnTpmBAndReseals() throws Exception {
        byte[] secret = secret();
        EnrollmentRequest received = EnrollmentRequest.fromBytes(requestB.toBytes());
        TransferBlob blob = TransferBlob.fromBytes(sender.wrap(received, secret).toBytes());

        byte[] recovered = new KeyTransferReceiver(clientB).receive(blob);

        assertArrayEquals(secret, recovered);
        SealedBlob resealed = clientB.seal("volume", 1, recovered, SealingPolicy.pcr(List.of(23)), null);
        assertArrayEquals(secret, clientB.unseal(resealed));
        String hex = HexFormat.of().formatHex(secret);
        assertFalse(blob.toString().contains(hex) || received.toString().contains(hex));
    }

    @Test
    void aBlobForTpmBIsRefusedByTpmCAtActivationAndAtImport() throws Exception {
        byte[] secret = secret();
        byte[] innerKey = new byte[16];
        RANDOM.nextBytes(innerKey);
        TransferBlob blob = sender.wrap(requestB, secret, innerKey);

        SealingException activation = assertThrows(SealingException.class,
                () -> new KeyTransferReceiver(clientC).receive(blob));
        assertTrue(activation.getMessage().contains("credential activation"), activation.getMessage());
        SealingException imported = assertThrows(SealingException.class,
                () -> new KeyTransferReceiver(clientC).receive(blob, innerKey));
        assertTrue(imported.getMessage().contains("import"), imported.getMessage());

        assertArrayEquals(secret, new KeyTransferReceiver(clientB).receive(blob, innerKey),
                "the same blob and inner key import on TPM B");
        byte[] wrongInnerKey = innerKey.clone();
        wrongInnerKey[0] ^= 1;
        assertThrows(SealingException.class, () -> new KeyTransferReceiver(clientB).receive(blob, wrongInnerKey),
                "the inner wrapper needs the key sent to the EK");
    }

    @Test
    void theCredentialIsBoundToTheStorageKeyOnTheSameTpmAsTheEk() throws Exception {
        EnrollmentRequest mixed = new EnrollmentRequest(requestB.ekCertificate(), requestC.storageKeyPublic());
        TransferBlob blob = sender.wrap(mixed, secret());

        for (TpmClient client : List.of(clientB, clientC)) {
            SealingException refused = assertThrows(SealingException.class,
                    () -> new KeyTransferReceiver(client).receive(blob));
            assertTrue(refused.getMessage().contains("credential activation"), refused.getMessage());
        }
    }

    @Test
    void anEkCertificateFromAnotherCaIsRefused() {
        TransferRefusedException refused = assertThrows(TransferRefusedException.class,
                () -> sender.wrap(requestC, secret()));
        assertTrue(refused.getMessage().contains("does not chain to a trusted EK CA"), refused.getMessage());

        byte[] garbled = requestB.ekCertificate();
        garbled[garbled.length - 10] ^= 1;
        assertThrows(TransferRefusedException.class,
                () -> sender.wrap(new EnrollmentRequest(garbled, requestB.storageKeyPublic()), secret()),
                "a certificate with a broken signature");
    }

    @Test
    void aStorageKeyThatIsNotARestrictedDecryptionKeyIsRefused() {
        for (Function<Integer, Integer> change : List.<Function<Integer, Integer>>of(
                a -> a & ~TPMA_OBJECT.restricted.toInt(),
                a -> a & ~TPMA_OBJECT.decrypt.toInt(),
                a -> a | TPMA_OBJECT.sign.toInt(),
                a -> a & ~TPMA_OBJECT.fixedTPM.toInt())) {
            TPMT_PUBLIC storageKey = TPMT_PUBLIC.fromBytes(requestB.storageKeyPublic());
            storageKey.objectAttributes = new TPMA_OBJECT(change.apply(storageKey.objectAttributes.toInt()));
            EnrollmentRequest request = new EnrollmentRequest(requestB.ekCertificate(), storageKey.toBytes());
            TransferRefusedException refused = assertThrows(TransferRefusedException.class,
                    () -> sender.wrap(request, secret()));
            assertTrue(refused.getMessage().contains("restricted decryption key"), refused.getMessage());
        }
        assertThrows(TransferRefusedException.class,
                () -> sender.wrap(new EnrollmentRequest(requestB.ekCertificate(), new byte[] {0, 1, 2}), secret()));
    }

    @Test
    void aTamperedBlobIsRefusedInEveryPart() throws Exception {
        TransferBlob blob = sender.wrap(requestB, secret());
        KeyTransferReceiver receiver = new KeyTransferReceiver(clientB);
        for (int part = 0; part < 6; part++) {
            byte[][] parts = {blob.credentialHmac(), blob.credentialIdentity(), blob.credentialSeed(),
                    blob.objectPublic(), blob.duplicate(), blob.importSeed()};
            parts[part][parts[part].length / 2] ^= 0x40;
            TransferBlob tampered = new TransferBlob(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]);
            SealingException refused = assertThrows(SealingException.class, () -> receiver.receive(tampered),
                    "tampered part " + part);
            String step = part < 3 ? "refused the transfer blob's credential activation"
                    : "refused the transfer blob's import";
            assertTrue(refused.getMessage().contains(step), "tampered part " + part + ": " + refused.getMessage());
        }
        assertEquals(32, receiver.receive(blob).length, "the untampered blob still opens");
    }

    @Test
    void theBinaryFormsAreVersionedAndStrict() throws Exception {
        TransferBlob blob = sender.wrap(requestB, secret());
        assertArrayEquals(blob.toBytes(), TransferBlob.fromBytes(blob.toBytes()).toBytes());
        assertArrayEquals(requestB.toBytes(), EnrollmentRequest.fromBytes(requestB.toBytes()).toBytes());
        byte[] encoded = blob.toBytes();
        encoded[4] = 2;
        assertThrows(IllegalArgumentException.class, () -> TransferBlob.fromBytes(encoded), "unknown version");
        assertThrows(IllegalArgumentException.class, () -> EnrollmentRequest.fromBytes(blob.toBytes()), "wrong magic");
        byte[] longer = java.util.Arrays.copyOf(blob.toBytes(), blob.toBytes().length + 1);
        assertThrows(IllegalArgumentException.class, () -> TransferBlob.fromBytes(longer), "trailing bytes");
        assertThrows(TransferRefusedException.class, () -> sender.wrap(requestB, new byte[129]));
    }
}
