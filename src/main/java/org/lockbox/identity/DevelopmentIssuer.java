package org.lockbox.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.logging.Logger;

import org.lockbox.crypto.Pem;

/**
 * The development token issuer: an RSA key pair kept in a directory, whose private half
 * {@code scripts/dev-token} signs with. Created on first start when missing.
 */
public final class DevelopmentIssuer {

    private static final Logger LOG = Logger.getLogger(DevelopmentIssuer.class.getName());

    private DevelopmentIssuer() {
    }

    /** Loads the issuer's public key, creating the key pair first if the directory holds none. */
    public static PublicKey publicKey(Path directory, SecureRandom random) {
        Path publicPem = directory.resolve("public.pem");
        Path privatePem = directory.resolve("private.pem");
        try {
            if (!Files.exists(publicPem)) {
                createKeyPair(directory, publicPem, privatePem, random);
            }
            byte[] der = Pem.decode(Pem.PUBLIC_KEY, Files.readString(publicPem, StandardCharsets.US_ASCII));
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot load the development token issuer key from " + directory
                    + ": " + e.getMessage(), e);
        }
    }

    private static void createKeyPair(Path directory, Path publicPem, Path privatePem, SecureRandom random)
            throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, random);
        KeyPair pair = generator.generateKeyPair();
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, ".private", ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // Not a POSIX file system: the directory's permissions apply.
        }
        Files.writeString(temp, Pem.encode(Pem.PRIVATE_KEY, pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        Files.move(temp, privatePem);
        Files.writeString(publicPem, Pem.encode(Pem.PUBLIC_KEY, pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        LOG.warning("Created a development token issuer key pair in " + directory
                + "; scripts/dev-token signs tokens with it. Disable the development issuer in production"
                + " (LOCKBOX_DEV_ISSUER_ENABLED=false).");
    }
}
