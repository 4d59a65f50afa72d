package org.lockbox.rootoftrust;

import javax.crypto.SecretKey;

/** One unsealed version of a service's master key; held in memory only. */
public record MasterKey(String service, int version, SecretKey key) {

    @Override
    public String toString() {
        return "MasterKey[" + service + " v" + version + "]";
    }
}
