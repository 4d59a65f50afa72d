package org.lockbox.primitive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.DrbgParameters;
import java.security.SecureRandom;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class RandomSourceTest {

    @Test
    void strongRandomIsA256BitDrbg() {
        SecureRandom random = RandomSource.strongRandom();
        assertEquals("DRBG", random.getAlgorithm());
        DrbgParameters.Instantiation parameters =
                assertInstanceOf(DrbgParameters.Instantiation.class, random.getParameters());
        assertTrue(parameters.getStrength() >= 256, "strength " + parameters.getStrength());
        assertTrue(parameters.getCapability().supportsReseeding());
    }

    @Test
    void producerReturnsTheSameKindOfGenerator() {
        assertEquals("DRBG", new RandomSource().secureRandom().getAlgorithm());
    }

    @Test
    void instancesDoNotRepeatEachOther() {
        byte[] first = new byte[32];
        byte[] second = new byte[32];
        RandomSource.strongRandom().nextBytes(first);
        RandomSource.strongRandom().nextBytes(second);
        assertFalse(Arrays.equals(first, second));
    }
}
