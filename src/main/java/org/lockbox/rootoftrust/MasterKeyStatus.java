package org.lockbox.rootoftrust;

import java.util.Map;

/** What health checks and operators may know about the master keys: never the keys themselves. */
public record MasterKeyStatus(boolean ready, String provider, String detail, Map<String, Integer> currentVersions) {
}
