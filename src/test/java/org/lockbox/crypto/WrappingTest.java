package org.lockbox.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockbox.primitive.RandomSource;

class WrappingTest {

    private static final HexFormat HEX = HexFormat.of();

    private final Wrapping wrapping = new Wrapping(RandomSource.strongRandom());

    /**
     * AES-256-GCM known answers, 96-bit IV, 128-bit tag. Expected value is ciphertext followed by tag.
     */
    static Stream<Arguments> knownAnswers() {
        return Stream.of(
                // D. McGrew and J. Viega, "The Galois/Counter Mode of Operation (GCM)", revised 2005,
                // Appendix B, Test Case 14 (zero key, zero IV, one zero block, no AAD).
                Arguments.of("McGrew-Viega Test Case 14",
                        "0000000000000000000000000000000000000000000000000000000000000000",
                        "000000000000000000000000",
                        "00000000000000000000000000000000",
                        "",
                        "cea7403d4d606b6e074ec5d3baf39d18",
                        "d0d1c8a799996bf0265b98b5d48ab919"),
                // Same document, Test Case 15 (64-byte plaintext, no AAD).
                Arguments.of("McGrew-Viega Test Case 15",
                        "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
                        "cafebabefacedbaddecaf888",
                        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
                        "",
                        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
                        "b094dac5d93471bdec1a502270e3cc6c"),
                // Same document, Test Case 16 (60-byte plaintext, 20-byte AAD).
                Arguments.of("McGrew-Viega Test Case 16",
                        "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
                        "cafebabefacedbaddecaf888",
                        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
                        "feedfacedeadbeeffeedfacedeadbeefabaddad2",
                        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
                        "76fc6ece0f4e1768cddf8853bb2d551b"),
                // NIST CAVP GCM test vectors, gcmEncryptExtIV256.rsp,
                // [Keylen = 256] [IVlen = 96] [PTlen = 128] [AADlen = 160] [Taglen = 128], Count = 0.
                Arguments.of("NIST CAVP gcmEncryptExtIV256 PTlen=128 AADlen=160 Count=0",
                        "83688deb4af8007f9b713b47cfa6c73e35ea7a3aa4ecdb414dded03bf7a0fd3a",
                        "0b459724904e010a46901cf3",
                        "33d893a2114ce06fc15d55e454cf90c3",
                        "794a14ccd178c8ebfd1379dc704c5e208f9d8424",
                        "cc66bee423e3fcd4c0865715e9586696",
                        "0fb291bd3dba94a1dfd8b286cfb97ac5"),
                // NIST CAVP GCM test vectors, gcmEncryptExtIV256.rsp,
                // [Keylen = 256] [IVlen = 96] [PTlen = 128] [AADlen = 128] [Taglen = 128].
                Arguments.of("NIST CAVP gcmEncryptExtIV256 PTlen=128 AADlen=128",
                        "92e11dcdaa866f5ce790fd24501f92509aacf4cb8b1339d50c9c1240935dd08b",
                        "ac93a1a6145299bde902f21a",
                        "2d71bcfa914e4ac045b2aa60955fad24",
                        "1e0889016f67601c8ebea4943bc23ad6",
                        "8995ae2e6df3dbf96fac7b7137bae67f",
                        "eca5aa77d51d4a0a14d9c51e1da474ab"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knownAnswers")
    void sealMatchesKnownAnswer(String name, String key, String iv, String plaintext, String aad,
                                String ciphertext, String tag) {
        byte[] sealed = Wrapping.seal(aesKey(HEX.parseHex(key)), HEX.parseHex(iv), HEX.parseHex(plaintext),
                HEX.parseHex(aad));
        assertEquals(ciphertext + tag, HEX.formatHex(sealed));
    }

    @Test
    void wrapThenUnwrapReturnsThePlaintext() {
        SecretKey key = randomKey();
        byte[] material = "the quick brown fox".getBytes(StandardCharsets.UTF_8);
        Binding binding = Binding.material("secret-1", "project-1", "default", 1);
        byte[] wrapped = wrapping.wrap(key, material, binding);

        assertEquals(1 + Wrapping.NONCE_BYTES + material.length + Wrapping.TAG_BITS / 8, wrapped.length);
        assertEquals(Wrapping.FORMAT_AES_GCM, wrapped[0]);
        assertArrayEquals(material, wrapping.unwrap(key, wrapped, binding));
    }

    @Test
    void unwrapReadsFormatByteNonceThenCiphertextAndTag() {
        SecretKey key = randomKey();
        Binding binding = Binding.kek("default", "project-1", 2, 1);
        byte[] nonce = HEX.parseHex("cafebabefacedbaddecaf888");
        byte[] material = HEX.parseHex("00112233445566778899aabbccddeeff");
        byte[] sealed = Wrapping.seal(key, nonce, material, binding.associatedData());
        byte[] wrapped = new byte[1 + nonce.length + sealed.length];
        wrapped[0] = Wrapping.FORMAT_AES_GCM;
        System.arraycopy(nonce, 0, wrapped, 1, nonce.length);
        System.arraycopy(sealed, 0, wrapped, 1 + nonce.length, sealed.length);

        assertArrayEquals(material, wrapping.unwrap(key, wrapped, binding));
    }

    @Test
    void wrapsAnEmptyPlaintext() {
        SecretKey key = randomKey();
        Binding binding = Binding.kek("default", "project-1", 1, 1);
        assertArrayEquals(new byte[0], wrapping.unwrap(key, wrapping.wrap(key, new byte[0], binding), binding));
    }

    @Test
    void ciphertextDoesNotContainThePlaintext() {
        byte[] material = new byte[64];
        Arrays.fill(material, (byte) 0x41);
        byte[] wrapped = wrapping.wrap(randomKey(), material, Binding.material("s", "p", "default", 1));
        String hex = HEX.formatHex(wrapped);
        assertFalse(hex.contains(HEX.formatHex(material, 0, 8)));
    }

    static Stream<Arguments> otherBindings() {
        return Stream.of(
                Arguments.of("other secret id", Binding.material("secret-2", "project-1", "default", 1)),
                Arguments.of("other project", Binding.material("secret-1", "project-2", "default", 1)),
                Arguments.of("other service", Binding.material("secret-1", "project-1", "swift", 1)),
                Arguments.of("other KEK version", Binding.material("secret-1", "project-1", "default", 2)),
                Arguments.of("KEK binding with the same parts", Binding.kek("secret-1", "project-1", 1, 1)),
                Arguments.of("other purpose", new Binding("other",
                        List.of("secret-1", "project-1", "default", "1"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherBindings")
    void unwrapWithAnotherBindingFails(String name, Binding other) {
        SecretKey key = randomKey();
        Binding binding = Binding.material("secret-1", "project-1", "default", 1);
        byte[] wrapped = wrapping.wrap(key, new byte[] {1, 2, 3, 4}, binding);

        assertThrows(UnwrapFailedException.class, () -> wrapping.unwrap(key, wrapped, other));
    }

    @Test
    void flippingAnyByteOfTheWrappedFormFails() {
        SecretKey key = randomKey();
        Binding binding = Binding.material("secret-1", "project-1", "default", 1);
        byte[] wrapped = wrapping.wrap(key, new byte[32], binding);

        for (int i = 0; i < wrapped.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] altered = wrapped.clone();
                altered[i] ^= (byte) (1 << bit);
                int index = i;
                int flipped = bit;
                assertThrows(UnwrapFailedException.class, () -> wrapping.unwrap(key, altered, binding),
                        () -> "byte " + index + " bit " + flipped);
            }
        }
    }

    @Test
    void truncatedOrExtendedInputFails() {
        SecretKey key = randomKey();
        Binding binding = Binding.material("secret-1", "project-1", "default", 1);
        byte[] wrapped = wrapping.wrap(key, new byte[20], binding);

        for (int length = 0; length < wrapped.length; length++) {
            byte[] truncated = Arrays.copyOf(wrapped, length);
            int shown = length;
            assertThrows(UnwrapFailedException.class, () -> wrapping.unwrap(key, truncated, binding),
                    () -> "length " + shown);
        }
        byte[] extended = Arrays.copyOf(wrapped, wrapped.length + 1);
        assertThrows(UnwrapFailedException.class, () -> wrapping.unwrap(key, extended, binding));
        assertThrows(UnwrapFailedException.class, () -> wrapping.unwrap(key, null, binding));
    }

    @Test
    void unwrapWithAnotherKeyFails() {
        Binding binding = Binding.material("secret-1", "project-1", "default", 1);
        byte[] wrapped = wrapping.wrap(randomKey(), new byte[16], binding);

        assertThrows(UnwrapFailedException.class, () -> wrapping.unwrap(randomKey(), wrapped, binding));
    }

    @Test
    void failureMessageNamesThePurposeButNoBytes() {
        SecretKey key = randomKey();
        Binding binding = Binding.material("secret-1", "project-1", "default", 1);
        byte[] wrapped = wrapping.wrap(key, new byte[16], binding);
        wrapped[wrapped.length - 1] ^= 1;

        UnwrapFailedException e = assertThrows(UnwrapFailedException.class,
                () -> wrapping.unwrap(key, wrapped, binding));
        assertEquals("Stored material failed its integrity check: the ciphertext was altered or does not"
                + " belong to this row", e.getMessage());
    }

    @Test
    void twoWrapsOfTheSamePlaintextDiffer() {
        SecretKey key = randomKey();
        byte[] material = new byte[32];
        Binding binding = Binding.material("secret-1", "project-1", "default", 1);

        byte[] first = wrapping.wrap(key, material, binding);
        byte[] second = wrapping.wrap(key, material, binding);

        assertFalse(Arrays.equals(first, second));
        assertFalse(Arrays.equals(Arrays.copyOfRange(first, 1, 1 + Wrapping.NONCE_BYTES),
                Arrays.copyOfRange(second, 1, 1 + Wrapping.NONCE_BYTES)), "nonces must differ");
        assertArrayEquals(material, wrapping.unwrap(key, first, binding));
        assertArrayEquals(material, wrapping.unwrap(key, second, binding));
    }

    @Test
    void noncesDoNotRepeatOverManyWraps() {
        SecretKey key = randomKey();
        Binding binding = Binding.material("secret-1", "project-1", "default", 1);
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            byte[] wrapped = wrapping.wrap(key, new byte[1], binding);
            nonces.add(HEX.formatHex(wrapped, 1, 1 + Wrapping.NONCE_BYTES));
        }
        assertEquals(1000, nonces.size());
    }

    @Test
    void associatedDataSeparatesPartBoundaries() {
        assertNotEqualBytes(new Binding("p", List.of("ab", "c")), new Binding("p", List.of("a", "bc")));
        assertNotEqualBytes(new Binding("p", List.of("abc")), new Binding("p", List.of("ab", "c")));
        assertNotEqualBytes(new Binding("p", List.of("a", "")), new Binding("p", List.of("", "a")));
        assertNotEqualBytes(new Binding("p", List.of("a")), new Binding("p", List.of("a", "")));
        assertNotEqualBytes(new Binding("p", List.of()), new Binding("p", List.of("")));
        assertNotEqualBytes(new Binding("ab", List.of("c")), new Binding("a", List.of("bc")));
        assertNotEqualBytes(new Binding("material", List.of()), new Binding("", List.of("material")));
    }

    @Test
    void associatedDataIsInjectiveOverTrickyBindings() {
        List<String> tricky = List.of("", "a", "b", "ab", "ba", "a|b", "|", "\u0000", "\u0000\u0000\u0000\u0001a",
                "é", "e\u0301", "\uD83D\uDD11", "1", "01", " 1");
        List<Binding> bindings = new ArrayList<>();
        for (String purpose : List.of("material", "kek", "")) {
            bindings.add(new Binding(purpose, List.of()));
            for (String first : tricky) {
                bindings.add(new Binding(purpose, List.of(first)));
                for (String second : tricky) {
                    bindings.add(new Binding(purpose, List.of(first, second)));
                }
            }
        }
        Set<String> encodings = new HashSet<>();
        for (Binding binding : bindings) {
            encodings.add(HEX.formatHex(binding.associatedData()));
        }
        assertEquals(new HashSet<>(bindings).size(), encodings.size());
    }

    @Test
    void associatedDataIsDeterministicAndDomainSeparated() {
        Binding material = Binding.material("s", "p", "default", 3);
        assertArrayEquals(material.associatedData(), Binding.material("s", "p", "default", 3).associatedData());
        assertNotEqualBytes(material, Binding.kek("s", "p", 3, 3));
        String text = new String(material.associatedData(), StandardCharsets.UTF_8);
        assertTrue(text.contains("lockbox/wrap/v1/material"));
    }

    @Test
    void bindingPartsAreCopied() {
        List<String> parts = new ArrayList<>(List.of("a"));
        Binding binding = new Binding("p", parts);
        parts.add("b");
        assertEquals(List.of("a"), binding.parts());
    }

    private static void assertNotEqualBytes(Binding a, Binding b) {
        assertNotEquals(HEX.formatHex(a.associatedData()), HEX.formatHex(b.associatedData()),
                () -> a + " and " + b + " share associated data");
    }

    private static SecretKey aesKey(byte[] bytes) {
        return new SecretKeySpec(bytes, "AES");
    }

    private static SecretKey randomKey() {
        byte[] bytes = new byte[32];
        RandomSource.strongRandom().nextBytes(bytes);
        return aesKey(bytes);
    }
}
