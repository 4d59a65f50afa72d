package org.lockbox.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** Dual-lock shares: both give the key back; either alone is uniformly random and unwraps only under its own KEK. */
class XorSharesTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void bothSharesTogetherGiveTheMaterialBack() {
        byte[] material = new byte[64];
        random.nextBytes(material);
        XorShares shares = XorShares.split(material, random);
        assertArrayEquals(material, XorShares.combine(shares.first(), shares.second()));
        assertFalse(Arrays.equals(material, shares.first()));
        assertFalse(Arrays.equals(material, shares.second()));
    }

    /**
     * Splitting the same all-zero key 4,096 times: every byte value of each share turns up about
     * equally often (chi-square over 256 bins, 255 degrees of freedom, far below the 0.1 % critical
     * value 330.5), and no share ever equals the key, so a share carries nothing of the key.
     */
    @Test
    void eachShareAloneIsUniformWhateverTheKey() {
        byte[] key = new byte[32];
        long[] firstCounts = new long[256];
        long[] secondCounts = new long[256];
        int rounds = 4096;
        for (int i = 0; i < rounds; i++) {
            XorShares shares = XorShares.split(key, random);
            assertFalse(Arrays.equals(key, shares.first()));
            assertFalse(Arrays.equals(key, shares.second()));
            for (int b = 0; b < key.length; b++) {
                firstCounts[shares.first()[b] & 0xff]++;
                secondCounts[shares.second()[b] & 0xff]++;
            }
        }
        double expected = rounds * key.length / 256.0;
        assertTrue(chiSquare(firstCounts, expected) < 330.5, "first share is uniform");
        assertTrue(chiSquare(secondCounts, expected) < 330.5, "second share is uniform");
    }

    @Test
    void eachShareUnwrapsOnlyUnderItsOwnKekAndRow() {
        Wrapping wrapping = new Wrapping(random);
        SecretKeySpec serviceKek = new SecretKeySpec(bytes(32), "AES");
        SecretKeySpec tenantKek = new SecretKeySpec(bytes(32), "AES");
        byte[] material = bytes(32);
        XorShares shares = XorShares.split(material, random);
        byte[] serviceShare = wrapping.wrap(serviceKek, shares.first(), Binding.material("s1", "p1", "volume", 1));
        byte[] tenantShare = wrapping.wrap(tenantKek, shares.second(), Binding.tenantShare("s1", "p1", 1));

        byte[] service = wrapping.unwrap(serviceKek, serviceShare, Binding.material("s1", "p1", "volume", 1));
        assertFalse(Arrays.equals(material, service), "the service's share alone is not the key");
        assertThrows(UnwrapFailedException.class,
                () -> wrapping.unwrap(serviceKek, tenantShare, Binding.tenantShare("s1", "p1", 1)),
                "the service's KEK does not open the tenant's share");
        assertThrows(UnwrapFailedException.class,
                () -> wrapping.unwrap(tenantKek, tenantShare, Binding.tenantShare("s2", "p1", 1)),
                "the tenant's share is bound to its row");
        assertThrows(UnwrapFailedException.class,
                () -> wrapping.unwrap(tenantKek, tenantShare, Binding.material("s1", "p1", "default", 1)),
                "a tenant share is not material");
        byte[] tenant = wrapping.unwrap(tenantKek, tenantShare, Binding.tenantShare("s1", "p1", 1));
        assertArrayEquals(material, XorShares.combine(service, tenant));
    }

    @Test
    void sharesOfDifferentLengthsAreRefused() {
        assertThrows(UnwrapFailedException.class, () -> XorShares.combine(new byte[16], new byte[32]));
        assertEquals("XorShares[3 bytes]", XorShares.split(new byte[3], random).toString());
    }

    private byte[] bytes(int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    private static double chiSquare(long[] counts, double expected) {
        double sum = 0;
        for (long count : counts) {
            sum += (count - expected) * (count - expected) / expected;
        }
        return sum;
    }
}
