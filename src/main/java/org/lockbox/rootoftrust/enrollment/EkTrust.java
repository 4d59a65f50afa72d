package org.lockbox.rootoftrust.enrollment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.lockbox.rootoftrust.tpm.KeyTransferSender;

/** The sender of transfer blobs, trusting the EK CA certificates named by configuration (PEM files). */
public final class EkTrust {

    private EkTrust() {
    }

    /** The sender, or empty when no EK CA certificate is configured (this replica then sends nothing). */
    public static Optional<KeyTransferSender> sender(ReplicaConfig config, SecureRandom random) {
        List<X509Certificate> trusted = certificates(config.ekCaCertificates());
        if (trusted.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new KeyTransferSender(trusted, certificates(config.ekIntermediateCertificates()), random));
    }

    /** Every certificate in the PEM files; an unreadable file is a configuration error that names it. */
    static List<X509Certificate> certificates(List<String> files) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (String file : files) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    certificates.add((X509Certificate) certificate);
                }
            } catch (IOException | CertificateException e) {
                throw new IllegalArgumentException("Cannot read EK CA certificates from " + file
                        + " (lockbox.replica.ek-ca-certificates): " + e.getMessage(), e);
            }
        }
        return certificates;
    }
}
