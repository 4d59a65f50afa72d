package org.lockbox.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lockbox.rootoftrust.MasterKey;
import org.lockbox.rootoftrust.MasterKeys;
import org.lockbox.primitive.RandomSource;

/** The cryptography of rotation: rewrapping a KEK under another master key, material under another KEK, and a KEK's next version. */
class RewrapTest {

    private static final String SERVICE = "volume";
    private static final String PROJECT = "project-1";
    private final SecureRandom random = RandomSource.strongRandom();
    private final Wrapping wrapping = new Wrapping(random);
    private final MasterKey master1 = new MasterKey(SERVICE, 1, aesKey());
    private final MasterKey master2 = new MasterKey(SERVICE, 2, aesKey());
    private final Map<Integer, MasterKey> masters = Map.of(1, master1, 2, master2);
    private final List<ProjectKek> superseding = new ArrayList<>();
    private boolean supersedeWins = true;
    private KeyEncryptionKeys keks;

    @BeforeEach
    void wire() {
        keks = new KeyEncryptionKeys();
        keks.wrapping = wrapping;
        keks.random = random;
        keks.cacheSeconds = 600;
        keks.masterKeys = new MasterKeys() {
            @Override
            public MasterKey current(String service) {
                return master2;
            }

            @Override
            public MasterKey version(String service, int version) {
                return masters.get(version);
            }
        };
        keks.store = new KekStore() {
            @Override
            public boolean supersede(int previous, ProjectKek next) {
                superseding.add(next);
                return supersedeWins;
            }
        };
        keks.init();
    }

    @Test
    void aKekRewrappedUnderANewMasterKeyIsTheSameKekBoundToTheNewVersion() {
        byte[] kek = bytes(32);
        byte[] underV1 = wrapping.wrap(master1.key(), kek, Binding.kek(SERVICE, PROJECT, 3, 1));

        byte[] underV2 = keks.rewrapUnderMasterKey(SERVICE, PROJECT, 3, 1, underV1, master2);

        assertArrayEquals(kek, wrapping.unwrap(master2.key(), underV2, Binding.kek(SERVICE, PROJECT, 3, 2)));
        assertThrows(UnwrapFailedException.class,
                () -> wrapping.unwrap(master2.key(), underV2, Binding.kek(SERVICE, PROJECT, 3, 1)),
                "bound to the new master-key version");
        assertThrows(UnwrapFailedException.class,
                () -> wrapping.unwrap(master2.key(), underV2, Binding.kek(SERVICE, "project-2", 3, 2)),
                "still bound to its project");
        assertThrows(UnwrapFailedException.class,
                () -> wrapping.unwrap(master1.key(), underV2, Binding.kek(SERVICE, PROJECT, 3, 2)));
    }

    @Test
    void aTamperedOrMisfiledKekIsNotRewrapped() {
        byte[] underV1 = wrapping.wrap(master1.key(), bytes(32), Binding.kek(SERVICE, PROJECT, 1, 1));
        byte[] tampered = underV1.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThrows(UnwrapFailedException.class,
                () -> keks.rewrapUnderMasterKey(SERVICE, PROJECT, 1, 1, tampered, master2));
        assertThrows(UnwrapFailedException.class,
                () -> keks.rewrapUnderMasterKey(SERVICE, "project-2", 1, 1, underV1, master2));
    }

    @Test
    void materialRewrappedUnderTheNextKekIsTheSameMaterialBoundToIt() {
        SecretKey kek1 = aesKey();
        SecretKey kek2 = aesKey();
        MaterialVault vault = new MaterialVault();
        vault.wrapping = wrapping;
        vault.keks = new KeyEncryptionKeys() {
            @Override
            public SecretKey forVersion(String service, String projectId, int version) {
                return version == 1 ? kek1 : kek2;
            }
        };
        byte[] material = bytes(64);
        byte[] underKek1 = wrapping.wrap(kek1, material, Binding.material("secret-1", PROJECT, SERVICE, 1));

        byte[] underKek2 = vault.rewrap("secret-1", PROJECT, SERVICE, new MaterialVault.Wrapped(1, underKek1), 2);

        assertArrayEquals(material, vault.unwrap("secret-1", PROJECT, SERVICE, new MaterialVault.Wrapped(2, underKek2)));
        assertThrows(UnwrapFailedException.class,
                () -> vault.unwrap("secret-1", PROJECT, SERVICE, new MaterialVault.Wrapped(1, underKek2)));
        assertThrows(UnwrapFailedException.class,
                () -> vault.unwrap("secret-2", PROJECT, SERVICE, new MaterialVault.Wrapped(2, underKek2)));
        assertThrows(UnwrapFailedException.class,
                () -> vault.rewrap("secret-2", PROJECT, SERVICE, new MaterialVault.Wrapped(1, underKek1), 2),
                "material copied from another row is not rewrapped");
    }

    @Test
    void rotatingAKekCreatesTheNextVersionUnderTheCurrentMasterKey() {
        Optional<KeyEncryptionKeys.KekRotation> rotation = keks.rotate(SERVICE, PROJECT, 4);

        assertEquals(Optional.of(new KeyEncryptionKeys.KekRotation(4, 5)), rotation);
        ProjectKek next = superseding.get(0);
        assertEquals(5, next.version());
        assertEquals(ProjectKek.ACTIVE, next.status());
        assertEquals(2, next.masterKeyVersion());
        assertNotNull(next.created());
        byte[] raw = wrapping.unwrap(master2.key(), next.wrappedKey(), Binding.kek(SERVICE, PROJECT, 5, 2));
        assertEquals(32, raw.length);
        assertFalse(java.util.Arrays.equals(new byte[32], raw));
    }

    @Test
    void aRotationThatLostTheRaceCreatesNothing() {
        supersedeWins = false;
        assertTrue(keks.rotate(SERVICE, PROJECT, 1).isEmpty());
    }

    private SecretKey aesKey() {
        return new SecretKeySpec(bytes(32), "AES");
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
