package org.lockbox.rootoftrust.enrollment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.lockbox.rootoftrust.MasterKeyRecords;
import org.lockbox.rootoftrust.SealingException;
import org.lockbox.rootoftrust.WipeableKey;
import org.lockbox.rootoftrust.tpm.EnrollmentRequest;
import org.lockbox.rootoftrust.tpm.KeyTransferReceiver;
import org.lockbox.rootoftrust.tpm.TpmClient;
import org.lockbox.rootoftrust.tpm.TpmSealer;
import org.lockbox.rootoftrust.tpm.TransferBlob;

/**
 * The side of a replica that joins with an empty TPM: it registers its TPM's enrollment request,
 * then, once an operator has approved it and a holder has sent the blobs, receives every recorded
 * version through its own TPM, checks it against the version's record, re-seals it under its own
 * sealing policy with the blob store the server reads, marks the blob received and wipes the bytes.
 */
public final class ReplicaJoin {

    /** Where a join stands: the replica's state, what was received now, what is still missing. */
    public record Progress(String replicaId, ReplicaState state, List<ServiceVersion> received,
                           List<String> missing) {

        /** Every recorded version of every service is sealed on this replica's TPM. */
        public boolean complete() {
            return state == ReplicaState.APPROVED && missing.isEmpty();
        }

        /** Why the replica cannot serve yet, for logs and the readiness check; null once complete. */
        public String waitingFor() {
            return switch (state) {
                case PENDING -> "replica " + replicaId + " is waiting for an operator to approve its enrollment"
                        + " (lockbox-admin replicas approve --id " + replicaId + ")";
                case REVOKED -> "replica " + replicaId + " was revoked by an operator: it is sent no master key";
                case APPROVED -> missing.isEmpty() ? null : "replica " + replicaId + " is approved and waiting for"
                        + " a replica holding the master keys to send " + String.join(", ", missing);
            };
        }
    }

    private final ReplicaRegistry registry;
    private final TpmSealer sealer;
    private final MasterKeyRecords records;
    private final List<String> services;

    public ReplicaJoin(ReplicaRegistry registry, TpmSealer sealer, MasterKeyRecords records, List<String> services) {
        this.registry = registry;
        this.sealer = sealer;
        this.records = records;
        this.services = List.copyOf(services);
    }

    /** This TPM's EK certificate and storage key. */
    public EnrollmentRequest enrollmentRequest() throws SealingException {
        try (TpmClient tpm = TpmClient.connect(sealer.settings())) {
            return new KeyTransferReceiver(tpm).enrollmentRequest();
        }
    }

    /** Registers this TPM as a pending replica (or finds its earlier request) and returns the replica's id. */
    public String register(String name) throws SealingException {
        return registry.register(name, enrollmentRequest());
    }

    /** Receives what has been sent; nothing is read while the replica is not approved. */
    public Progress receive(String replicaId) throws SealingException {
        Replica replica = registry.find(replicaId).orElseThrow(() -> new SealingException("Replica " + replicaId
                + " is not registered in the database"));
        List<ServiceVersion> received = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String service : services) {
            Map<Integer, String> recorded = records.recorded(service);
            if (recorded.isEmpty()) {
                missing.add(service + " (no version is recorded yet)");
                continue;
            }
            List<Integer> sealedHere = sealer.versions(service);
            for (int version : recorded.keySet()) {
                if (sealedHere.contains(version)) {
                    continue;
                }
                ServiceVersion target = new ServiceVersion(service, version);
                if (replica.state() == ReplicaState.APPROVED && receiveOne(replicaId, target, recorded)) {
                    received.add(target);
                } else {
                    missing.add(target.toString());
                }
            }
        }
        return new Progress(replicaId, replica.state(), List.copyOf(received), List.copyOf(missing));
    }

    private boolean receiveOne(String replicaId, ServiceVersion target, Map<Integer, String> recorded)
            throws SealingException {
        TransferBlob blob = registry.blob(replicaId, target).orElse(null);
        if (blob == null) {
            return false;
        }
        byte[] key;
        try (TpmClient tpm = TpmClient.connect(sealer.settings())) {
            key = new KeyTransferReceiver(tpm).receive(blob);
        }
        try {
            WipeableKey received = new WipeableKey(key, "AES");
            try {
                MasterKeyRecords.check(target.service(), target.version(), received, recorded,
                        "transfer blob for replica " + replicaId);
            } finally {
                WipeableKey.wipe(received);
            }
            sealer.install(target.service(), target.version(), key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        registry.received(replicaId, target);
        return true;
    }
}
