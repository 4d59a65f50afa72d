package org.lockbox.api.admin;

import java.util.List;

import org.lockbox.api.Timestamps;
import org.lockbox.rotation.Rotations;

/** A project's KEK for one service: its versions and the secrets each wraps, never key bytes. */
public record ProjectKekView(String projectId, String service, Integer currentVersion, List<Version> versions,
                             long secretsToRewrap, RotationView rotation) {

    /** One KEK version: ACTIVE, RETIRING (its secrets are being rewrapped) or RETIRED. */
    public record Version(int version, String status, int masterKeyVersion, long secrets, String created) {
    }

    static ProjectKekView of(Rotations.ProjectKekState state, String base) {
        return new ProjectKekView(state.projectId(), state.service(), state.currentVersion(),
                state.versions().stream().map(v -> new Version(v.version(), v.status(), v.masterKeyVersion(),
                        v.secrets(), Timestamps.format(v.created()))).toList(),
                state.secretsToRewrap(), RotationView.of(state.rotation(), base));
    }
}
