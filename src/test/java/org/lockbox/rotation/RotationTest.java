package org.lockbox.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

/** How a rotation record moves between RUNNING, DONE and STALLED as sweeps report back. */
class RotationTest {

    private final LocalDateTime t0 = LocalDateTime.of(2026, 1, 2, 3, 4, 5);

    @Test
    void aSweepThatLeavesNothingBehindIsDone() {
        Rotation rotation = new Rotation(Rotation.MASTER_KEY, "volume", null, 1, 2, 150, t0);
        assertEquals(Rotation.RUNNING, rotation.state());
        rotation.finish(0, 0, t0.plusSeconds(8));
        assertEquals(Rotation.DONE, rotation.state());
        assertEquals(t0.plusSeconds(8), rotation.finished().toLocalDateTime());
        assertEquals(150, new RotationProgress(rotation, 0).rewrapped());
    }

    @Test
    void keysThatFailTheirIntegrityCheckStallIt() {
        Rotation rotation = new Rotation(Rotation.KEK, "image", "p", 1, 2, 30, t0);
        rotation.finish(2, 2, t0.plusSeconds(1));
        assertEquals(Rotation.STALLED, rotation.state());
        assertEquals(2, rotation.failed());
        assertTrue(rotation.detail().startsWith("2 secrets failed their integrity check"), rotation.detail());
        assertNull(rotation.finished());

        rotation.finish(0, 0, t0.plusSeconds(600));
        assertEquals(Rotation.DONE, rotation.state(), "done once they are rewrapped after all");
        assertEquals(0, rotation.failed());
        assertNull(rotation.detail());
    }

    @Test
    void aSweepCutShortStaysRunning() {
        Rotation rotation = new Rotation(Rotation.MASTER_KEY, "volume", null, 1, 2, 150, t0);
        rotation.finish(40, 0, t0.plusSeconds(1));
        assertEquals(Rotation.RUNNING, rotation.state());
        assertEquals(110, new RotationProgress(rotation, 40).rewrapped());
    }

    @Test
    void keysFoundUnderTheOldVersionAfterwardsRunItAgainWithALargerTotal() {
        Rotation rotation = new Rotation(Rotation.KEK, "image", "p", 1, 2, 30, t0);
        rotation.finish(0, 0, t0.plusSeconds(1));
        rotation.resume(3, t0.plusSeconds(70));
        assertEquals(Rotation.RUNNING, rotation.state());
        assertEquals(33, rotation.total());
        assertNull(rotation.finished());
        assertEquals(30, new RotationProgress(rotation, 3).rewrapped());

        rotation.resume(50, t0.plusSeconds(71));
        assertEquals(50, rotation.total(), "never fewer to do than remain");
        assertEquals(0, new RotationProgress(rotation, 50).rewrapped());
        assertNotNull(rotation.updated());
    }
}
