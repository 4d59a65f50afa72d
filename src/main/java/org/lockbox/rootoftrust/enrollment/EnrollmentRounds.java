package org.lockbox.rootoftrust.enrollment;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.lockbox.rootoftrust.MasterKeys;
import org.lockbox.rootoftrust.SealingException;
import org.lockbox.rootoftrust.tpm.EnrollmentRequest;

/**
 * One round of the server's enrollment work, run every lockbox.replica.poll-interval. A joining
 * replica registers (once), receives what was sent and, when every recorded version is sealed on
 * its TPM, unseals its master keys and starts serving; afterwards it keeps receiving versions
 * provisioned since, which the master keys unseal on first use. A replica that holds the master
 * keys and trusts EK CAs sends them to every approved replica that lacks them.
 */
public final class EnrollmentRounds {

    private static final Logger LOG = Logger.getLogger(EnrollmentRounds.class.getName());

    private final JoiningProvider joining;
    private final ReplicaJoin join;
    private final String name;
    private final MasterKeys masterKeys;
    private final Optional<KeyDistribution> distribution;
    private String replicaId;
    private String lastWaitingFor;

    /** {@code joining} and {@code join} are null on a replica that does not join. */
    public EnrollmentRounds(JoiningProvider joining, ReplicaJoin join, String name, MasterKeys masterKeys,
                            Optional<KeyDistribution> distribution) {
        this.joining = joining;
        this.join = join;
        this.name = name;
        this.masterKeys = masterKeys;
        this.distribution = distribution;
    }

    /** This replica's id once it has registered; null before, or when it does not join. */
    public synchronized String replicaId() {
        return replicaId;
    }

    public synchronized void run() {
        try {
            if (joining != null) {
                joinRound();
            }
            if (distribution.isPresent() && masterKeys.ready()) {
                distribution.get().sendToApproved();
            }
        } catch (SealingException | RuntimeException e) {
            LOG.log(Level.WARNING, "Replica enrollment round failed; it is tried again at the next one: "
                    + e.getMessage());
        }
    }

    private void joinRound() throws SealingException {
        if (replicaId == null) {
            EnrollmentRequest request = join.enrollmentRequest();
            replicaId = join.register(name);
            LOG.warning("This replica (" + name + ") asked for the master keys as replica " + replicaId
                    + "; its TPM's EK certificate has SHA-256 " + ReplicaRegistry.fingerprint(request.ekCertificate())
                    + ". An operator compares it with `lockbox-admin replicas list` and approves it with"
                    + " `lockbox-admin replicas approve --id " + replicaId + "`");
        }
        ReplicaJoin.Progress progress = join.receive(replicaId);
        progress.received().forEach(v -> LOG.info(() -> "Master key " + v + " received from a sibling replica and"
                + " sealed on this replica's TPM"));
        if (joining.isJoined()) {
            // Versions provisioned since are received as they are sent; the master keys unseal them on first use.
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
}
