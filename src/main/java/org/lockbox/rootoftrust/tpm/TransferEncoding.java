package org.lockbox.rootoftrust.tpm;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of enrollment requests and transfer blobs: a 4-byte ASCII magic, a version byte,
 * then each field as a 4-byte big-endian length followed by that many bytes, and nothing after.
 */
final class TransferEncoding {

    static final int VERSION = 1;
    private static final int MAX_FIELD = 16_384;

    private TransferEncoding() {
    }

    static byte[] encode(String magic, byte[]... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(magic.getBytes(StandardCharsets.US_ASCII));
        out.write(VERSION);
        for (byte[] field : fields) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(field.length).array());
            out.writeBytes(field);
        }
        return out.toByteArray();
    }

    /** The fields of an encoded value; fails on another magic, an unknown version, a wrong field count or stray bytes. */
    static List<byte[]> decode(String magic, int fieldCount, byte[] encoded) {
        String what = magic + " v" + VERSION;
        try {
            ByteBuffer in = ByteBuffer.wrap(encoded);
            byte[] readMagic = new byte[4];
            in.get(readMagic);
            if (!magic.equals(new String(readMagic, StandardCharsets.US_ASCII))) {
                throw new IllegalArgumentException("Not a " + magic + " value");
            }
            int version = in.get() & 0xff;
            if (version != VERSION) {
                throw new IllegalArgumentException("Unsupported " + magic + " version " + version);
            }
            List<byte[]> fields = new ArrayList<>(fieldCount);
            for (int i = 0; i < fieldCount; i++) {
                int length = in.getInt();
                if (length < 0 || length > MAX_FIELD) {
                    throw new IllegalArgumentException("Implausible field length in a " + what + " value");
                }
                byte[] field = new byte[length];
                in.get(field);
                fields.add(field);
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("Trailing bytes after a " + what + " value");
            }
            return fields;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("Truncated " + what + " value");
        }
    }
}
