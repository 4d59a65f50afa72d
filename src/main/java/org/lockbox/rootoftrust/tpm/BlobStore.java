package org.lockbox.rootoftrust.tpm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;

import org.lockbox.rootoftrust.SealedVersions;
import org.lockbox.rootoftrust.SealingException;

/**
 * Sealed master keys on disk, three files per service and version:
 * {@code <service>.v<n>.pub} (TPM2B_PUBLIC), {@code .priv} (TPM2B_PRIVATE) and {@code .descriptor}
 * (service, version, policy, when sealed).
 */
public final class BlobStore {

    static final String FORMAT = "lockbox-tpm-sealed-v1";

    private final Path directory;

    public BlobStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    public List<Integer> versions(String service) throws SealingException {
        return SealedVersions.in(directory, service, "descriptor");
    }

    public SealedBlob read(String service, int version) throws SealingException {
        Path descriptorFile = file(service, version, "descriptor");
        Properties descriptor = new Properties();
        try (InputStream in = Files.newInputStream(descriptorFile)) {
            descriptor.load(in);
            if (!FORMAT.equals(descriptor.getProperty("format"))
                    || !service.equals(descriptor.getProperty("service"))
                    || !Integer.toString(version).equals(descriptor.getProperty("version"))) {
                throw new SealingException("Descriptor " + descriptorFile + " does not describe " + service
                        + " version " + version + " in format " + FORMAT);
            }
            return new SealedBlob(service, version, SealingPolicy.parse(descriptor.getProperty("policy", "")),
                    Files.readAllBytes(file(service, version, "pub")),
                    Files.readAllBytes(file(service, version, "priv")));
        } catch (NoSuchFileException e) {
            throw new SealingException("Sealed master key " + service + " v" + version + " is missing: "
                    + e.getFile() + " does not exist. Restore it from a backup or from recovery shares.");
        } catch (IOException | IllegalArgumentException e) {
            throw new SealingException("Cannot read sealed master key " + service + " v" + version + " from "
                    + directory + ": " + e.getMessage(), e);
        }
    }

    /** Writes the three files, the descriptor last, each atomically, so a crash never leaves a half blob listed. */
    public void write(SealedBlob blob) throws SealingException {
        SealedVersions.createOwnerOnly(directory);
        try {
            writeAtomically(file(blob.service(), blob.version(), "pub"), blob.publicArea());
            writeAtomically(file(blob.service(), blob.version(), "priv"), blob.privateArea());
            Properties descriptor = new Properties();
            descriptor.setProperty("format", FORMAT);
            descriptor.setProperty("service", blob.service());
            descriptor.setProperty("version", Integer.toString(blob.version()));
            descriptor.setProperty("policy", blob.policy().toString());
            descriptor.setProperty("sealed", OffsetDateTime.now(ZoneOffset.UTC).toString());
            Path temp = Files.createTempFile(directory, ".descriptor", ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                descriptor.store(out, "Lockbox master key sealed by a TPM 2.0");
            }
            Files.move(temp, file(blob.service(), blob.version(), "descriptor"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new SealingException("Cannot write sealed master key " + blob + " to " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    /** Removes a version's files, descriptor first so that it is never listed half-deleted. */
    public void delete(String service, int version) throws SealingException {
        try {
            for (String suffix : List.of("descriptor", "pub", "priv")) {
                Files.deleteIfExists(file(service, version, suffix));
            }
        } catch (IOException e) {
            throw new SealingException("Cannot delete sealed master key " + service + " v" + version + ": "
                    + e.getMessage(), e);
        }
    }

    public Path file(String service, int version, String suffix) {
        return directory.resolve(service + ".v" + version + "." + suffix);
    }

    private void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(directory, ".blob", ".tmp");
        try {
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
