package org.lockbox.rootoftrust.enrollment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;

import org.lockbox.rootoftrust.MasterKeyProvider;
import org.lockbox.rootoftrust.SealingException;
import org.lockbox.rootoftrust.tpm.TpmSealer;

/**
 * The TPM provider of a replica started with lockbox.replica.join=true: it refuses every master key
 * (so the server fails closed and says why) until this replica's enrollment is complete, then it is
 * the TPM sealer the keys were re-sealed with.
 */
public final class JoiningProvider implements MasterKeyProvider {

    private final TpmSealer sealer;
    private final Duration pollInterval;
    private volatile boolean joined;

    public JoiningProvider(TpmSealer sealer, Duration pollInterval) {
        this.sealer = sealer;
        this.pollInterval = pollInterval;
    }

    public TpmSealer sealer() {
        return sealer;
    }

    /** Every recorded version is sealed on this replica's TPM: from now on this is a plain TPM provider. */
    void joined() {
        joined = true;
    }

    public boolean isJoined() {
        return joined;
    }

    @Override
    public String name() {
        return sealer.name();
    }

    @Override
    public List<Integer> versions(String service) throws SealingException {
        refuseUntilJoined(service);
        return sealer.versions(service);
    }

    @Override
    public SecretKey unseal(String service, int version) throws SealingException {
        refuseUntilJoined(service);
        return sealer.unseal(service, version);
    }

    @Override
    public String describe(String service, int version) {
        return sealer.describe(service, version);
    }

    @Override
    public int provision(String service) throws SealingException {
        refuseUntilJoined(service);
        return sealer.provision(service);
    }

    @Override
    public void retire(String service, int version) throws SealingException {
        refuseUntilJoined(service);
        sealer.retire(service, version);
    }

    @Override
    public void discard(String service, int version) throws SealingException {
        sealer.discard(service, version);
    }

    /**
     * Refuses until the enrollment round has joined this replica, saying why in terms of what this
     * TPM holds: nothing yet (waiting for approval and the blobs), or sealed copies from an earlier
     * approval (a restarted replica), which either cannot be unsealed under their PCR policy any
     * more or wait for the round to confirm from the database that the replica is still approved.
     */
    private void refuseUntilJoined(String service) throws SealingException {
        if (joined) {
            return;
        }
        List<Integer> sealedHere = sealer.versions(service);
        if (sealedHere.isEmpty()) {
            throw new SealingException("This replica is joining (lockbox.replica.join=true) and holds no master key"
                    + " until an operator approves it (lockbox-admin replicas list, then approve) and a replica"
                    + " holding the master keys has sent them; it looks for them every " + pollInterval
                    + " and starts serving by itself once every version is sealed on its TPM");
        }
        List<Integer> refused = new ArrayList<>();
        for (int version : sealedHere) {
            if (!sealer.policyHolds(service, version)) {
                refused.add(version);
            }
        }
        if (!refused.isEmpty()) {
            throw new SealingException("This replica's TPM holds sealed copies of master key " + service
                    + " (versions " + sealedHere + ", received when an operator approved it), but versions " + refused
                    + " cannot be unsealed: the platform state (PCR values) no longer matches the policy ("
                    + sealer.settings().policy() + ") they were sealed to. This replica is not waiting for an"
                    + " operator's approval. Restore the expected platform state and restart, or, if the change is"
                    + " expected, re-seal the keys on the previous state or restore them from recovery shares;"
                    + " otherwise investigate the platform");
        }
        throw new SealingException("Not serving yet: this replica's TPM holds sealed copies of master key " + service
                + " (versions " + sealedHere + ", received when an operator approved it); it unseals them once its"
                + " next enrollment round (every " + pollInterval + ") has confirmed in the database that it is"
                + " still approved and holds every recorded version");
    }
}
