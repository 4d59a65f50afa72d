package org.lockbox.rootoftrust;

/** The profile refuses the configured settings, so no master key is unsealed; the message names each setting. */
public class UnsafeSettingsException extends SealingException {

    public UnsafeSettingsException(String message) {
        super(message);
    }
}
