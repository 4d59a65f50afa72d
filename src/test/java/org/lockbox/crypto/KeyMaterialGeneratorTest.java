package org.lockbox.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lockbox.primitive.RandomSource;

class KeyMaterialGeneratorTest {

    private static final KeyMaterialGenerator GENERATOR = new KeyMaterialGenerator(RandomSource.strongRandom());
    private static KeyMaterialGenerator.PemKeyPair rsa2048;

    @BeforeAll
    static void generateOnce() {
        rsa2048 = GENERATOR.rsa(2048);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 128, 192, 256, 512, 1024})
    void symmetricKeyHasTheRequestedLength(int bits) {
        assertEquals(bits / 8, GENERATOR.symmetric(bits).length);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -8, -256, 1, 7, 100, 129, 255})
    void invalidBitLengthsAreRefused(int bits) {
        assertThrows(IllegalArgumentException.class, () -> GENERATOR.symmetric(bits));
    }

    @Test
    void symmetricKeysAreRandom() {
        byte[] first = GENERATOR.symmetric(256);
        byte[] second = GENERATOR.symmetric(256);
        assertFalse(Arrays.equals(first, second));
        assertFalse(Arrays.equals(new byte[32], first));
    }

    @Test
    void rsaPrivateKeyIsPemPkcs8() throws Exception {
        String pem = new String(rsa2048.privateKeyPem(), StandardCharsets.US_ASCII);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), pem.lines().findFirst().orElse(""));
        assertTrue(pem.strip().endsWith("-----END PRIVATE KEY-----"));

        byte[] der = Pem.decode(Pem.PRIVATE_KEY, pem);
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
        assertEquals(PKCSObjectIdentifiers.rsaEncryption, info.getPrivateKeyAlgorithm().getAlgorithm());

        RSAPrivateCrtKey key = assertInstanceOf(RSAPrivateCrtKey.class,
                KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
        assertEquals(2048, key.getModulus().bitLength());
        assertEquals(BigInteger.valueOf(65537), key.getPublicExponent());
    }

    @Test
    void rsaPublicKeyIsPemSubjectPublicKeyInfo() throws Exception {
        String pem = new String(rsa2048.publicKeyPem(), StandardCharsets.US_ASCII);
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----"), pem.lines().findFirst().orElse(""));
        assertTrue(pem.strip().endsWith("-----END PUBLIC KEY-----"));

        byte[] der = Pem.decode(Pem.PUBLIC_KEY, pem);
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(der);
        assertEquals(PKCSObjectIdentifiers.rsaEncryption, info.getAlgorithm().getAlgorithm());

        RSAPublicKey key = assertInstanceOf(RSAPublicKey.class,
                KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
        assertEquals(2048, key.getModulus().bitLength());
        assertEquals(BigInteger.valueOf(65537), key.getPublicExponent());
    }

    @Test
    void rsaHalvesMatch() throws Exception {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        var privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(
                Pem.decode(Pem.PRIVATE_KEY, new String(rsa2048.privateKeyPem(), StandardCharsets.US_ASCII))));
        var publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(
                Pem.decode(Pem.PUBLIC_KEY, new String(rsa2048.publicKeyPem(), StandardCharsets.US_ASCII))));
        assertEquals(((RSAPrivateCrtKey) privateKey).getModulus(), publicKey.getModulus());

        byte[] message = "sign me".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey);
        signer.update(message);
        byte[] signature = signer.sign();

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(message);
        assertTrue(verifier.verify(signature));

        verifier.initVerify(publicKey);
        verifier.update("sign you".getBytes(StandardCharsets.UTF_8));
        assertFalse(verifier.verify(signature));
    }
}
