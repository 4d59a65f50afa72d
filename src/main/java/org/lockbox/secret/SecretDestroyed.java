package org.lockbox.secret;

/** Fired in the destroying transaction before a secret's row goes; what refers to it goes too. */
public record SecretDestroyed(String secretId) {
}
