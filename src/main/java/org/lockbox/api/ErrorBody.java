package org.lockbox.api;

/** Barbican's error body. */
public record ErrorBody(int code, String title, String description) {
}
