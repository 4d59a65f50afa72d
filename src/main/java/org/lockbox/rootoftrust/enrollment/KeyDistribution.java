package org.lockbox.rootoftrust.enrollment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

import org.lockbox.rootoftrust.SealingException;
import org.lockbox.rootoftrust.tpm.EnrollmentRequest;
import org.lockbox.rootoftrust.tpm.KeyTransferSender;
import org.lockbox.rootoftrust.tpm.TransferRefusedException;

/**
 * The side of a replica that holds the master keys: for each approved replica, one transfer blob
 * per (service, version) held here and not yet made for it. Pending and revoked replicas get
 * nothing; a replica whose EK certificate does not chain to a trusted EK CA gets nothing either,
 * and is named in the outcome. The key bytes are wiped as soon as each blob is made.
 */
public final class KeyDistribution {

    private static final Logger LOG = Logger.getLogger(KeyDistribution.class.getName());

    /** The master keys this replica holds, already checked against their records. */
    public interface HeldKeys {

        List<String> services();

        /** The versions held of a service, oldest first. */
        List<Integer> versions(String service) throws SealingException;

        /** A copy of one version's key bytes; the caller wipes it. */
        byte[] keyBytes(String service, int version) throws SealingException;
    }

    /** What one round sent: the blobs written, by replica id, and the replicas refused, with why. */
    public record Outcome(Map<String, List<ServiceVersion>> sent, Map<String, String> refused) {

        public int blobs() {
            return sent.values().stream().mapToInt(List::size).sum();
        }
    }

    private final ReplicaRegistry registry;
    private final KeyTransferSender sender;
    private final HeldKeys keys;

    public KeyDistribution(ReplicaRegistry registry, KeyTransferSender sender, HeldKeys keys) {
        this.registry = registry;
        this.sender = sender;
        this.keys = keys;
    }

    /** Makes the missing blobs for every approved replica. */
    public Outcome sendToApproved() throws SealingException {
        return sendToApproved(null);
    }

    /** Makes the missing blobs for every approved replica but this one ({@code self}, null if unregistered). */
    public Outcome sendToApproved(String self) throws SealingException {
        Map<String, List<ServiceVersion>> sent = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (Replica replica : registry.inState(ReplicaState.APPROVED)) {
            if (replica.id().equals(self)) {
                continue;
            }
            try {
                List<ServiceVersion> written = sendTo(replica.id());
                if (!written.isEmpty()) {
                    sent.put(replica.id(), written);
                    LOG.info(() -> "Master keys " + written + " sent to replica " + replica.name() + " ("
                            + replica.id() + ") as TPM transfer blobs");
                }
            } catch (TransferRefusedException e) {
                refused.put(replica.id(), e.getMessage());
                LOG.warning("Replica " + replica.name() + " (" + replica.id() + ") is approved but is sent nothing: "
                        + e.getMessage());
            }
        }
        return new Outcome(sent, refused);
    }

    private List<ServiceVersion> sendTo(String replicaId) throws SealingException, TransferRefusedException {
        EnrollmentRequest request = registry.request(replicaId);
        Set<ServiceVersion> offered = registry.offered(replicaId);
        List<ServiceVersion> written = new ArrayList<>();
        for (String service : keys.services()) {
            for (int version : keys.versions(service)) {
                ServiceVersion target = new ServiceVersion(service, version);
                if (offered.contains(target)) {
                    continue;
                }
                byte[] key = keys.keyBytes(service, version);
                try {
                    // Not stored when the replica was revoked meanwhile or another holder was quicker.
                    if (registry.offer(replicaId, target, sender.wrap(request, key))) {
                        written.add(target);
                    }
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            }
        }
        return written;
    }
}
