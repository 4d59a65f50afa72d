package org.lockbox.rotation;

/** A rotation with what is left to rewrap, counted from the keys at the time of asking. */
public record RotationProgress(Rotation rotation, long remaining) {

    public long rewrapped() {
        return Math.max(0, rotation.total() - remaining);
    }
}
