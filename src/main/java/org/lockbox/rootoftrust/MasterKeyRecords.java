package org.lockbox.rootoftrust;

import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * The database's record of which master-key versions were provisioned, with each one's keyed
 * fingerprint ({@link MasterKeyFingerprint}). A sealed version is used only if it is recorded
 * and its unsealed key reproduces the recorded fingerprint.
 */
public interface MasterKeyRecords {

    /** The recorded fingerprints of a service's versions in use (not retired), by version. */
    Map<Integer, String> recorded(String service) throws SealingException;

    /**
     * The versions of a service retired by any replica. Their records stay, so that a number is
     * never recorded twice and a replica that still has a retired version sealed deletes it rather
     * than refusing it as planted.
     */
    Set<Integer> retired(String service) throws SealingException;

    /** Records a version; refuses if that version is recorded already. */
    void record(String service, int version, String fingerprint, String recordedBy) throws SealingException;

    /** Marks a version retired: every replica forgets it and deletes its sealed copy. */
    void forget(String service, int version) throws SealingException;

    /** Records an unsealed key's fingerprint. */
    default void record(String service, int version, SecretKey key, String recordedBy) throws SealingException {
        record(service, version, MasterKeyFingerprint.of(service, version, key), recordedBy);
    }

    /** The refusal of a sealed version that has no record. */
    static SealingException unrecorded(String service, int version, String blob) {
        return new SealingException("Sealed master key " + service + " v" + version + " (" + blob + ") is refused:"
                + " it is not recorded in the database, so Lockbox did not provision it (planted, or sealed before"
                + " versions were recorded: see `lockbox-admin record-existing`)");
    }

    /**
     * Refuses a sealed version that is not recorded, or whose key does not reproduce its recorded
     * fingerprint; {@code blob} names what was sealed (a file), for the message.
     */
    static void check(String service, int version, SecretKey key, Map<Integer, String> recorded, String blob)
            throws SealingException {
        String fingerprint = recorded.get(version);
        if (fingerprint == null) {
            throw unrecorded(service, version, blob);
        }
        if (!MasterKeyFingerprint.matches(service, version, key, fingerprint)) {
            throw new SealingException("Sealed master key " + service + " v" + version + " (" + blob + ") is refused:"
                    + " the key it holds does not match the fingerprint recorded for " + service + " v" + version
                    + " (the blob was replaced or swapped with another key's)");
        }
    }
}
