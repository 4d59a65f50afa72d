package org.lockbox.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.lockbox.crypto.Pem;

/**
 * Keystone's JWS public keys: a directory of PEM files (Keystone's {@code jws_public_key_repository},
 * several during a key rotation). A token verifies if any key verifies it as ES256, with no
 * {@code kid} and no {@code iss}, as Keystone signs. The directory is read again, at most every
 * few seconds, when a token verifies with none of the keys, so a rotation needs no restart.
 */
final class JwsPublicKeys {

    private static final Logger LOG = Logger.getLogger(JwsPublicKeys.class.getName());
    private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(5);

    private final Path directory;
    private volatile List<JwtValidator> validators = List.of();
    private volatile Instant loadedAt = Instant.MIN;

    JwsPublicKeys(Path directory) {
        this.directory = directory;
        reload();
        if (validators.isEmpty()) {
            LOG.warning("No Keystone JWS public key in " + directory + ": JWS tokens are refused until one is there.");
        }
    }

    /** The verified claims, or an {@link AuthenticationException} if no key verifies the token. */
    JsonWebToken verify(String token) {
        JsonWebToken verified = verifyWithAny(validators, token);
        if (verified == null && reload()) {
            verified = verifyWithAny(validators, token);
        }
        if (verified == null) {
            throw new AuthenticationException("The token is invalid, expired or not signed by Keystone");
        }
        return verified;
    }

    private static JsonWebToken verifyWithAny(List<JwtValidator> keys, String token) {
        for (JwtValidator key : keys) {
            try {
                return key.verify(token);
            } catch (AuthenticationException e) {
                // The next key may be the one (Keystone's tokens do not say which signed them).
            }
        }
        return null;
    }

    /** Reads the directory again unless it was read moments ago; true if it was read. */
    private synchronized boolean reload() {
        Instant now = Instant.now();
        if (loadedAt.plus(RELOAD_AT_MOST_EVERY).isAfter(now)) {
            return false;
        }
        loadedAt = now;
        List<JwtValidator> loaded = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.pem")) {
            for (Path file : files) {
                try {
                    byte[] der = Pem.decode(Pem.PUBLIC_KEY, Files.readString(file, StandardCharsets.US_ASCII));
                    loaded.add(new JwtValidator(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)),
                            null, SignatureAlgorithm.ES256));
                } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                    LOG.warning("Ignoring " + file + ": not an EC public key in PEM (" + e.getClass().getSimpleName() + ")");
                }
            }
        } catch (IOException e) {
            LOG.warning("Cannot read Keystone's JWS public keys in " + directory + " (" + e.getClass().getSimpleName() + ")");
            return false;
        }
        validators = List.copyOf(loaded);
        return true;
    }
}
