package org.lockbox.rootoftrust.provider;

/**
 * One setting that {@code LOCKBOX_PROFILE=production} refuses: a stable name, what is wrong and
 * how to fix it. It never carries the value of a password or any other secret.
 */
public record UnsafeSetting(String name, String problem, String remedy) {

    @Override
    public String toString() {
        return name + " (" + problem + "; " + remedy + ")";
    }
}
