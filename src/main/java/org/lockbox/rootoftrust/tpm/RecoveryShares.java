package org.lockbox.rootoftrust.tpm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.threshold.ShamirSecretSplitter;
import org.bouncycastle.crypto.threshold.ShamirSplitSecret;
import org.bouncycastle.crypto.threshold.ShamirSplitSecretShare;

/**
 * Splits a master key into n Shamir shares (Bouncy Castle, GF(2^8)) of which any k restore it,
 * so that a lost or cleared TPM does not lose every key. Each share names its service, version,
 * threshold and index, and carries a short fingerprint of the key so a restore can tell a right
 * combination from a wrong one.
 */
public final class RecoveryShares {

    private static final String PREFIX = "lockbox-share-1";
    private static final Pattern SHARE = Pattern.compile(
            PREFIX + ":([A-Za-z0-9_.-]+):v(\\d+):(\\d+)of(\\d+):(\\d+):([A-Za-z0-9_-]+):([0-9a-f]{16})");

    private RecoveryShares() {
    }

    /** One parsed share. */
    public record Share(String service, int version, int threshold, int count, int index, byte[] value,
                        String fingerprint) {
        @Override
        public String toString() {
            return "Share[" + service + " v" + version + ", " + index + " of " + count + "]";
        }
    }

    public static List<String> split(String service, int version, byte[] key, int threshold, int count,
                                     SecureRandom random) {
        if (threshold < 2 || threshold > count || count > 255) {
            throw new IllegalArgumentException("Need 2 <= threshold <= shares <= 255");
        }
        ShamirSplitSecret split = new ShamirSecretSplitter(ShamirSecretSplitter.Algorithm.AES,
                ShamirSecretSplitter.Mode.Table, key.length, random).resplit(key, threshold, count);
        String fingerprint = fingerprint(key);
        List<String> shares = new ArrayList<>();
        // Bouncy Castle 1.80 sizes the share array by the secret's length; the first `count` are the shares.
        ShamirSplitSecretShare[] parts = split.getSecretShares();
        for (int i = 0; i < count; i++) {
            try {
                shares.add(String.join(":", PREFIX, service, "v" + version, threshold + "of" + count,
                        Integer.toString(i + 1),
                        Base64.getUrlEncoder().withoutPadding().encodeToString(parts[i].getEncoded()), fingerprint));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shares;
    }

    /**
     * Writes each share to its own new file, {@code <service>.v<version>.share-<i>} with mode 0600,
     * in a directory created 0700 if missing; refuses, before writing any, if one of them exists.
     */
    public static List<Path> writeFiles(Path directory, String service, int version, List<String> shares)
            throws IOException {
        if (!Files.isDirectory(directory)) {
            try {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectories(directory);
            }
        }
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            Path file = directory.resolve(service + ".v" + version + ".share-" + (i + 1));
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(file.toString(), null,
                        "a share file is never overwritten; move the earlier shares away first");
            }
            files.add(file);
        }
        for (int i = 0; i < shares.size(); i++) {
            Path file = files.get(i);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, shares.get(i) + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        }
        return files;
    }

    public static Share parse(String text) {
        Matcher m = SHARE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a Lockbox recovery share");
        }
        return new Share(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                Base64.getUrlDecoder().decode(m.group(6)), m.group(7));
    }

    /** Restores the key from at least a threshold of shares of one key, or explains why it cannot. */
    public static byte[] combine(List<String> texts) {
        Map<Integer, Share> byIndex = new LinkedHashMap<>();
        for (String text : texts) {
            Share share = parse(text);
            byIndex.put(share.index(), share);
        }
        if (byIndex.isEmpty()) {
            throw new IllegalArgumentException("No shares given");
        }
        Share first = byIndex.values().iterator().next();
        for (Share share : byIndex.values()) {
            if (!share.service().equals(first.service()) || share.version() != first.version()
                    || !share.fingerprint().equals(first.fingerprint()) || share.threshold() != first.threshold()) {
                throw new IllegalArgumentException("The shares belong to different keys");
            }
        }
        if (byIndex.size() < first.threshold()) {
            throw new IllegalArgumentException("Need " + first.threshold() + " different shares, got " + byIndex.size());
        }
        ShamirSplitSecretShare[] parts = byIndex.values().stream()
                .map(s -> new ShamirSplitSecretShare(s.value(), s.index()))
                .toArray(ShamirSplitSecretShare[]::new);
        try {
            byte[] key = new ShamirSplitSecret(ShamirSecretSplitter.Algorithm.AES, ShamirSecretSplitter.Mode.Table,
                    parts).getSecret();
            if (!MessageDigest.isEqual(fingerprint(key).getBytes(StandardCharsets.US_ASCII),
                    first.fingerprint().getBytes(StandardCharsets.US_ASCII))) {
                Arrays.fill(key, (byte) 0);
                throw new IllegalArgumentException("The shares do not restore the key they were made from");
            }
            return key;
        } catch (IOException e) {
            throw new IllegalArgumentException("The shares cannot be combined: " + e.getMessage(), e);
        }
    }

    /** 64 bits of SHA-256 over a domain label and the key: enough to check a restore, useless to an attacker. */
    static String fingerprint(byte[] key) {
        byte[] label = "lockbox-master-key-fingerprint".getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[label.length + key.length];
        System.arraycopy(label, 0, input, 0, label.length);
        System.arraycopy(key, 0, input, label.length, key.length);
        return HexFormat.of().formatHex(TpmClient.sha256(input), 0, 8);
    }
}
