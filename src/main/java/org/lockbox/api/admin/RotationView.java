package org.lockbox.api.admin;

import org.lockbox.api.Hrefs;
import org.lockbox.api.Timestamps;
import org.lockbox.rotation.Rotation;
import org.lockbox.rotation.RotationProgress;

/** A rotation and how far it has got: {@code remaining} is counted from the keys at the time of asking. */
public record RotationView(String rotationRef, String id, String kind, String service, String projectId,
                           int fromVersion, int toVersion, String state, long total, long rewrapped, long remaining,
                           long failed, String detail, String started, String updated, String finished) {

    static RotationView of(RotationProgress progress, String base) {
        if (progress == null) {
            return null;
        }
        Rotation r = progress.rotation();
        return new RotationView(Hrefs.rotation(base, r.id()), r.id(), r.kind(), r.service(), r.projectId(),
                r.fromVersion(), r.toVersion(), r.state(), r.total(), progress.rewrapped(), progress.remaining(),
                r.failed(), r.detail(), Timestamps.format(r.started()), Timestamps.format(r.updated()),
                Timestamps.format(r.finished()));
    }
}
