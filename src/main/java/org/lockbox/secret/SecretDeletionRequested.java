package org.lockbox.secret;

/** Fired in the deleting transaction when a secret becomes pending deletion; what refers to it sets it aside. */
public record SecretDeletionRequested(String secretId) {
}
