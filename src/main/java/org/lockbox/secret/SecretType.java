package org.lockbox.secret;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Barbican's six secret types. */
public enum SecretType {
    SYMMETRIC, PUBLIC, PRIVATE, PASSPHRASE, CERTIFICATE, OPAQUE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SecretType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
    }
}
