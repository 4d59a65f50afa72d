package org.lockbox.rootoftrust.tpm;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What the TPM demands before it releases a sealed master key: PCR values (the platform's
 * measured state, sha256 bank) or an authorization value given in configuration.
 */
public record SealingPolicy(Kind kind, List<Integer> pcrs) {

    /** The two kinds of sealing policy. */
    public enum Kind { PCR, AUTH }

    public SealingPolicy {
        pcrs = List.copyOf(pcrs);
        if (kind == Kind.PCR && pcrs.isEmpty()) {
            throw new IllegalArgumentException("A PCR policy needs at least one PCR");
        }
        for (int pcr : pcrs) {
            if (pcr < 0 || pcr > 23) {
                throw new IllegalArgumentException("PCR " + pcr + " does not exist (0 to 23)");
            }
        }
    }

    public static SealingPolicy pcr(List<Integer> pcrs) {
        return new SealingPolicy(Kind.PCR, pcrs);
    }

    public static SealingPolicy auth() {
        return new SealingPolicy(Kind.AUTH, List.of());
    }

    /** Parses "pcr:7,11" or "auth", the form used in configuration and descriptors. */
    public static SealingPolicy parse(String text) {
        String trimmed = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (trimmed.equals("auth")) {
            return auth();
        }
        if (trimmed.startsWith("pcr:")) {
            try {
                return pcr(java.util.Arrays.stream(trimmed.substring(4).split(","))
                        .map(String::trim).map(Integer::parseInt).toList());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bad PCR list in sealing policy '" + text + "'");
            }
        }
        throw new IllegalArgumentException("Unknown sealing policy '" + text + "'; expected pcr:N[,N...] or auth");
    }

    @Override
    public String toString() {
        return kind == Kind.AUTH ? "auth"
                : "pcr:" + pcrs.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
