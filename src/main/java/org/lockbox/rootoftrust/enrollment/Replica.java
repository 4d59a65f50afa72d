package org.lockbox.rootoftrust.enrollment;

import java.time.OffsetDateTime;

/**
 * A replica that asked for the master keys: its name, its state, when it asked, and when and by whom
 * it was approved or revoked ({@code decided} and {@code decidedBy} are null while it is pending).
 * {@code ekSubject} names its TPM's endorsement-key certificate, for the operator who approves it;
 * {@code seen} is when the replica last reported at its enrollment round (null before its first).
 */
public record Replica(String id, String name, ReplicaState state, String ekSubject, String ekFingerprint,
                      OffsetDateTime requested, OffsetDateTime decided, String decidedBy, OffsetDateTime seen) {
}
