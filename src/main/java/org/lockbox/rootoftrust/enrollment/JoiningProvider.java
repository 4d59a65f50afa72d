package org.lockbox.rootoftrust.enrollment;

import java.time.Duration;
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
        refuseUntilJoined();
        return sealer.versions(service);
    }

    @Override
    public SecretKey unseal(String service, int version) throws SealingException {
        refuseUntilJoined();
        return sealer.unseal(service, version);
    }

    @Override
    public String describe(String service, int version) {
        return sealer.describe(service, version);
    }

    @Override
    public int provision(String service) throws SealingException {
        refuseUntilJoined();
        return sealer.provision(service);
    }

    @Override
    public void retire(String service, int version) throws SealingException {
        refuseUntilJoined();
        sealer.retire(service, version);
    }

    @Override
    public void discard(String service, int version) throws SealingException {
        sealer.discard(service, version);
    }

    private void refuseUntilJoined() throws SealingException {
        if (!joined) {
            throw new SealingException("This replica is joining (lockbox.replica.join=true) and holds no master key"
                    + " until an operator approves it (lockbox-admin replicas list, then approve) and a replica"
                    + " holding the master keys has sent them; it looks for them every " + pollInterval
                    + " and starts serving by itself once every version is sealed on its TPM");
        }
    }
}
