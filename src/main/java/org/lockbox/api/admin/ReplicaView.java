package org.lockbox.api.admin;

import java.util.List;
import java.util.Map;

import org.lockbox.api.Timestamps;
import org.lockbox.rootoftrust.enrollment.Replica;
import org.lockbox.rootoftrust.enrollment.Replicas;

/**
 * A sibling replica's request for the master keys as operators see it: its TPM's EK certificate by
 * subject and SHA-256 fingerprint (to compare with what the replica logged), its state, who decided
 * and when, which master-key versions it was sent or holds already, when it last reported and the
 * version it uses per service (what a retirement waits for); never a key or a blob.
 */
public record ReplicaView(String replicaRef, String id, String name, String state, String ekSubject,
                          String ekSha256, String requested, String decided, String decidedBy, List<Sent> sent,
                          String seen, Map<String, Integer> currentVersions) {

    /** One master-key version the replica was sent as a TPM transfer blob, or holds already. */
    public record Sent(String service, int version) {
    }

    static ReplicaView of(Replicas.ReplicaTransfers transfers, String base) {
        Replica r = transfers.replica();
        return new ReplicaView(base + "/v1/lockbox/replicas/" + r.id(), r.id(), r.name(), r.state().name(),
                r.ekSubject(), r.ekFingerprint(), Timestamps.format(r.requested()), Timestamps.format(r.decided()),
                r.decidedBy(), transfers.sent().stream().map(v -> new Sent(v.service(), v.version())).toList(),
                Timestamps.format(r.seen()), transfers.currentVersions());
    }
}
