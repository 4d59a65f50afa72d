package org.lockbox.api.admin;

import java.util.List;

import org.lockbox.api.Hrefs;
import org.lockbox.rotation.Rotations;

/** A service's master key as operators see it: versions and the KEKs each wraps, never key bytes. */
public record MasterKeyView(String masterKeyRef, String service, String provider, int currentVersion,
                            List<Version> versions, long keksToRewrap, RotationView rotation) {

    /** One version; {@code unsealed} is false for a version KEKs refer to but this server does not hold. */
    public record Version(int version, boolean current, boolean unsealed, long keks) {
    }

    static MasterKeyView of(Rotations.MasterKeyState state, String base) {
        return new MasterKeyView(Hrefs.masterKey(base, state.service()), state.service(), state.provider(),
                state.currentVersion(),
                state.versions().stream().map(v -> new Version(v.version(), v.current(), v.unsealed(), v.keks()))
                        .toList(),
                state.keksToRewrap(), RotationView.of(state.rotation(), base));
    }
}
