package org.lockbox.secret;

/** Fired in the restoring transaction when a secret pending deletion comes back; what was set aside returns. */
public record SecretRestored(String secretId) {
}
