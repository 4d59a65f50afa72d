package org.lockbox.rootoftrust.tpm;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import javax.crypto.SecretKey;

import org.lockbox.rootoftrust.MasterKeyProvider;
import org.lockbox.rootoftrust.SealingException;
import org.lockbox.rootoftrust.WipeableKey;

/**
 * Master keys sealed by a TPM 2.0: each version is a 32-byte key sealed as a keyed-hash object
 * under the owner hierarchy's storage primary key, released only when the sealing policy holds.
 */
public final class TpmSealer implements MasterKeyProvider {

    private static final int KEY_BYTES = 32;

    private final TpmSettings settings;
    private final BlobStore store;
    private final SecureRandom random;

    public TpmSealer(TpmSettings settings, SecureRandom random) {
        this.settings = settings;
        this.store = new BlobStore(settings.blobDir());
        this.random = random;
    }

    @Override
    public String name() {
        return settings.mode().configName();
    }

    public TpmSettings settings() {
        return settings;
    }

    public BlobStore store() {
        return store;
    }

    @Override
    public List<Integer> versions(String service) throws SealingException {
        return store.versions(service);
    }

    @Override
    public SecretKey unseal(String service, int version) throws SealingException {
        SealedBlob blob = store.read(service, version);
        try (TpmClient tpm = TpmClient.connect(settings)) {
            byte[] key = tpm.unseal(blob);
            try {
                if (key.length != KEY_BYTES) {
                    throw new SealingException("Sealed master key " + blob + " holds " + key.length
                            + " bytes, not " + KEY_BYTES);
                }
                return new WipeableKey(key, "AES");
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /** Whether this TPM would release a sealed version now (its PCR policy holds), without unsealing it. */
    public boolean policyHolds(String service, int version) throws SealingException {
        SealedBlob blob = store.read(service, version);
        try (TpmClient tpm = TpmClient.connect(settings)) {
            return tpm.policyHolds(blob);
        }
    }

    @Override
    public String describe(String service, int version) {
        return store.file(service, version, "pub") + ", .priv, .descriptor";
    }

    /** Seals a new random key (the DRBG's bytes mixed with the TPM's own) as the service's next version. */
    @Override
    public int provision(String service) throws SealingException {
        List<Integer> existing = versions(service);
        int version = existing.isEmpty() ? 1 : existing.get(existing.size() - 1) + 1;
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        try (TpmClient tpm = TpmClient.connect(settings)) {
            byte[] fromTpm = tpm.random(KEY_BYTES);
            for (int i = 0; i < KEY_BYTES; i++) {
                key[i] ^= fromTpm[i];
            }
            store.write(tpm.seal(service, version, key, settings.policy(), null));
            return version;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Deletes a retired version's blobs; the newest is kept, so that its number is never sealed again. */
    @Override
    public void retire(String service, int version) throws SealingException {
        List<Integer> versions = versions(service);
        if (!versions.contains(version)) {
            throw new SealingException("Master key " + service + " v" + version + " is not sealed here");
        }
        if (version == versions.get(versions.size() - 1)) {
            throw new SealingException("Master key " + service + " v" + version
                    + " is the newest version of " + service + " and cannot be retired");
        }
        store.delete(service, version);
    }

    @Override
    public void discard(String service, int version) throws SealingException {
        if (versions(service).contains(version)) {
            store.delete(service, version);
        }
    }

    /** Seals a known key (restored from recovery shares) as the given version, replacing what was there. */
    public void install(String service, int version, byte[] key) throws SealingException {
        if (key.length != KEY_BYTES) {
            throw new SealingException("A master key is " + KEY_BYTES + " bytes, not " + key.length);
        }
        try (TpmClient tpm = TpmClient.connect(settings)) {
            store.write(tpm.seal(service, version, key, settings.policy(), null));
        }
    }

    /**
     * Seals an existing version again under a new policy: to the PCRs' current values, or to
     * expected values (the PCR digest of the state the platform will be in after an update).
     */
    public void reseal(String service, int version, SealingPolicy policy, byte[] expectedPcrDigest)
            throws SealingException {
        SealedBlob old = store.read(service, version);
        try (TpmClient tpm = TpmClient.connect(settings)) {
            byte[] key = tpm.unseal(old);
            try {
                store.write(tpm.seal(service, version, key, policy, expectedPcrDigest));
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /** The key bytes of one version, for splitting into recovery shares; the caller clears them. */
    public byte[] exportForRecovery(String service, int version) throws SealingException {
        try (TpmClient tpm = TpmClient.connect(settings)) {
            return tpm.unseal(store.read(service, version));
        }
    }
}
