package org.lockbox.audit;

import java.time.OffsetDateTime;

/**
 * The result of checking the chain: intact, or the first event that breaks it and why.
 *
 * @param headSequence the last event the check covered (the chain's head when it started)
 * @param headHash     that event's hash; keep it elsewhere to detect a rewrite of the whole tail later
 */
public record Verification(boolean intact, long eventsChecked, Broken firstBroken, OffsetDateTime checkedAt,
                           long headSequence, String headHash) {

    /** The first event that breaks the chain; id is null when the event is missing altogether. */
    public record Broken(long sequence, String id, String problem) {
    }
}
