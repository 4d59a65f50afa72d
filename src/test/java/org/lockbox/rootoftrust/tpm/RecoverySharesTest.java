package org.lockbox.rootoftrust.tpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoverySharesTest {

    private final SecureRandom random = new SecureRandom();
    private final byte[] key = random(32);

    @Test
    void anyThresholdOfSharesRestoresTheKey() {
        List<String> shares = RecoveryShares.split("volume", 3, key, 3, 5, random);
        assertEquals(5, shares.size());
        assertTrue(shares.get(0).startsWith("lockbox-share-1:volume:v3:3of5:1:"));
        assertArrayEquals(key, RecoveryShares.combine(List.of(shares.get(0), shares.get(1), shares.get(2))));
        assertArrayEquals(key, RecoveryShares.combine(List.of(shares.get(4), shares.get(1), shares.get(3))));
        assertArrayEquals(key, RecoveryShares.combine(shares));
    }

    @Test
    void eachShareGoesToItsOwnOwnerOnlyFileAndNoneIsOverwritten(@TempDir Path temp) throws Exception {
        Path dir = temp.resolve("custodians");
        List<String> shares = RecoveryShares.split("volume", 2, key, 2, 3, random);
        List<Path> files = RecoveryShares.writeFiles(dir, "volume", 2, shares);

        assertEquals(List.of(dir.resolve("volume.v2.share-1"), dir.resolve("volume.v2.share-2"),
                dir.resolve("volume.v2.share-3")), files);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        List<String> read = new ArrayList<>();
        for (Path file : files) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            read.add(Files.readString(file).trim());
        }
        assertEquals(shares, read, "one share per file, in order");
        assertArrayEquals(key, RecoveryShares.combine(List.of(read.get(2), read.get(0))));

        Files.delete(files.get(0));
        List<String> others = RecoveryShares.split("volume", 2, random(32), 2, 3, random);
        assertThrows(FileAlreadyExistsException.class, () -> RecoveryShares.writeFiles(dir, "volume", 2, others));
        assertTrue(Files.notExists(files.get(0)), "nothing is written when any file exists");
        assertEquals(shares.get(1), Files.readString(files.get(1)).trim(), "an existing share is never overwritten");
    }

    @Test
    void fewerThanTheThresholdRestoreNothing() {
        List<String> shares = RecoveryShares.split("volume", 1, key, 3, 5, random);
        assertThrows(IllegalArgumentException.class, () -> RecoveryShares.combine(shares.subList(0, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> RecoveryShares.combine(List.of(shares.get(0), shares.get(0), shares.get(1))), "a repeated share counts once");
    }

    @Test
    void sharesOfDifferentKeysDoNotMix() {
        List<String> first = RecoveryShares.split("volume", 1, key, 2, 3, random);
        List<String> second = RecoveryShares.split("volume", 1, random(32), 2, 3, random);
        assertThrows(IllegalArgumentException.class, () -> RecoveryShares.combine(List.of(first.get(0), second.get(1))));
    }

    @Test
    void aTamperedShareIsDetected() {
        List<String> shares = RecoveryShares.split("image", 1, key, 2, 2, random);
        String share = shares.get(1);
        int at = share.lastIndexOf(':') - 3;
        String tampered = share.substring(0, at) + (share.charAt(at) == 'A' ? 'B' : 'A') + share.substring(at + 1);
        assertThrows(IllegalArgumentException.class, () -> RecoveryShares.combine(List.of(shares.get(0), tampered)));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> RecoveryShares.parse("not a share"));
        assertThrows(IllegalArgumentException.class, () -> RecoveryShares.split("x", 1, key, 1, 3, random));
        assertThrows(IllegalArgumentException.class, () -> RecoveryShares.split("x", 1, key, 4, 3, random));
    }

    private byte[] random(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
