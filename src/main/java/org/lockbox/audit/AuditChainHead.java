package org.lockbox.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The last event of the chain; the one row every append locks, so replicas never fork the chain. */
@Entity
@Table(name = "audit_chain_head")
public class AuditChainHead {

    static final int ID = 1;

    @Id
    private int id;

    @Column(name = "last_sequence", nullable = false)
    private long lastSequence;

    @Column(name = "last_hash", nullable = false)
    private String lastHash;

    /** The first event that must be keyed; the events before it are plain (recorded before keying). */
    @Column(name = "keyed_from")
    private Long keyedFrom;

    /** The hash of the event before {@link #keyedFrom} (the genesis hash when there is none). */
    @Column(name = "boundary_hash")
    private String boundaryHash;

    @Column(name = "boundary_key_version")
    private Integer boundaryKeyVersion;

    /** The HMAC over the boundary (see {@link ChainHash#boundary}); null until a server holding the key seals it. */
    @Column(name = "boundary_mac")
    private String boundaryMac;

    protected AuditChainHead() {
    }

    long lastSequence() {
        return lastSequence;
    }

    String lastHash() {
        return lastHash;
    }

    /** Whether the migration's boundary is there and still to be sealed. */
    boolean boundaryUnsealed() {
        return keyedFrom != null && boundaryHash != null && boundaryMac == null;
    }

    /** Whether keying began with the very first event, so that no plain event lies before the boundary. */
    boolean keyedFromGenesis() {
        return boundaryUnsealed() && keyedFrom == 1 && ChainHash.GENESIS.equals(boundaryHash);
    }

    /** Seals the boundary the migration set, so that it cannot be moved without the audit key. */
    void sealBoundary(int keyVersion, javax.crypto.SecretKey key) {
        boundaryKeyVersion = keyVersion;
        boundaryMac = ChainHash.boundary(keyedFrom, boundaryHash, keyVersion, key);
    }

    void advance(long sequence, String hash) {
        this.lastSequence = sequence;
        this.lastHash = hash;
    }
}
