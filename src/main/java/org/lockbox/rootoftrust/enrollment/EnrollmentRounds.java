package org.lockbox.rootoftrust.enrollment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.lockbox.rootoftrust.MasterKeys;
import org.lockbox.rootoftrust.SealingException;
import org.lockbox.rootoftrust.tpm.EnrollmentRequest;

/**
 * One round of the server's enrollment work, run every lockbox.replica.poll-interval:
 * <ol>
 * <li>a replica with a TPM registers (once) and receives the versions sent to it: a joining replica
 * (lockbox.replica.join=true) serves nothing until it holds every recorded version; a replica that
 * holds the master keys registers too, so that versions provisioned by its siblings reach it;</li>
 * <li>the master keys held in memory follow what changed: versions received are unsealed and the
 * newest becomes current, versions retired by a sibling are forgotten;</li>
 * <li>a replica that holds the master keys and trusts EK CAs sends them to every approved replica
 * that lacks them;</li>
 * <li>a registered replica reports that it is alive and which version it uses per service.</li>
 * </ol>
 * A version provisioned on one replica is thus current on every live approved replica within about
 * two poll intervals (the sender's round, then the receiver's), plus the TPM work.
 */
public final class EnrollmentRounds {

    private static final Logger LOG = Logger.getLogger(EnrollmentRounds.class.getName());

    private final JoiningProvider joining;
    private final ReplicaJoin join;
    private final String name;
    private final MasterKeys masterKeys;
    private final Optional<KeyDistribution> distribution;
    private final ReplicaVersions versions;
    private String replicaId;
    private String lastWaitingFor;
    private boolean receiving = true;

    /**
     * {@code joining} is null on a replica that does not join; {@code join} is null on a replica
     * that has no TPM to receive with.
     */
    public EnrollmentRounds(JoiningProvider joining, ReplicaJoin join, String name, MasterKeys masterKeys,
                            Optional<KeyDistribution> distribution, ReplicaVersions versions) {
        this.joining = joining;
        this.join = join;
        this.name = name;
        this.masterKeys = masterKeys;
        this.distribution = distribution;
        this.versions = versions;
    }

    /** This replica's id once it has registered; null before, or when it has no TPM to receive with. */
    public synchronized String replicaId() {
        return replicaId;
    }

    public synchronized void run() {
        try {
            if (join != null && receiving) {
                receiveRound();
            }
            masterKeys.refresh();
            if (distribution.isPresent() && masterKeys.ready()) {
                distribution.get().sendToApproved(replicaId);
            }
            if (replicaId != null && masterKeys.ready()) {
                Map<String, List<Integer>> held = new LinkedHashMap<>();
                for (String service : masterKeys.status().currentVersions().keySet()) {
                    held.put(service, masterKeys.versions(service));
                }
                versions.report(replicaId, held);
            }
        } catch (SealingException | RuntimeException e) {
            LOG.log(Level.WARNING, "Replica enrollment round failed; it is tried again at the next one: "
                    + e.getMessage());
        }
    }

    private void receiveRound() throws SealingException {
        if (replicaId == null) {
            try {
                register();
            } catch (SealingException e) {
                if (joining != null) {
                    throw e;
                }
                // A holder whose TPM has no EK certificate still serves and sends; it only cannot receive.
                receiving = false;
                LOG.warning("This replica holds the master keys but cannot register to receive versions its"
                        + " siblings provision (" + e.getMessage() + "); provision and retire versions on this"
                        + " replica only, or give its TPM an EK certificate");
                return;
            }
        }
        ReplicaJoin.Progress progress = join.receive(replicaId);
        progress.received().forEach(v -> LOG.info(() -> "Master key " + v + " received from a sibling replica and"
                + " sealed on this replica's TPM"));
        if (joining == null || joining.isJoined()) {
            if (!masterKeys.ready() && progress.complete()) {
                // A holder that was stopped while a version was provisioned and another retired.
                masterKeys.unsealIfNotReady();
            }
            return;
        }
        if (progress.complete()) {
            joining.joined();
            boolean ready = masterKeys.unsealIfNotReady();
            LOG.info(() -> "Replica " + replicaId + " holds every master key" + (ready ? " and now serves"
                    : " but could not unseal them: see the master-key log line above"));
            return;
        }
        String waitingFor = progress.waitingFor();
        if (!waitingFor.equals(lastWaitingFor)) {
            lastWaitingFor = waitingFor;
            LOG.warning("LOCKBOX WILL NOT SERVE KEYS yet: " + waitingFor);
        }
    }

    private void register() throws SealingException {
        EnrollmentRequest request = join.enrollmentRequest();
        String id = join.register(name);
        replicaId = id;
        String fingerprint = ReplicaRegistry.fingerprint(request.ekCertificate());
        if (joining != null) {
            LOG.warning("This replica (" + name + ") asked for the master keys as replica " + id
                    + "; its TPM's EK certificate has SHA-256 " + fingerprint + ". An operator compares it with"
                    + " `lockbox-admin replicas list` and approves it with `lockbox-admin replicas approve --id "
                    + id + "`");
        } else {
            LOG.info(() -> "This replica (" + name + ") is registered as replica " + id + " to receive"
                    + " master-key versions its siblings provision; its TPM's EK certificate has SHA-256 "
                    + fingerprint + ". Until an operator approves it, versions provisioned elsewhere do not"
                    + " reach it");
        }
    }
}
