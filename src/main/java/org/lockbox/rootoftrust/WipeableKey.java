package org.lockbox.rootoftrust;

import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;

/**
 * A symmetric key held in memory that can be wiped: {@link #destroy()} zeroes its bytes, after which
 * it can no longer be used (it never turns into a key of zeros). Master keys and unwrapped KEKs are
 * held as these, so that a retired or evicted key does not linger until garbage collection.
 * It cannot be serialised.
 */
public final class WipeableKey implements SecretKey {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * How long a key set aside (retired, evicted) stays usable before it is wiped: long enough for a
     * request that was handed it just before to finish with it.
     */
    public static final Duration WIPE_GRACE = Duration.ofSeconds(30);

    private final String algorithm;
    private byte[] bytes;

    /** A key holding a copy of {@code bytes}; the caller clears its own array. */
    public WipeableKey(byte[] bytes, String algorithm) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("A key needs bytes");
        }
        this.bytes = bytes.clone();
        this.algorithm = algorithm;
    }

    /** A copy of the key's bytes; the caller clears it. Refused once the key has been wiped. */
    @Override
    public synchronized byte[] getEncoded() {
        if (bytes == null) {
            throw new IllegalStateException("The key has been wiped from memory");
        }
        return bytes.clone();
    }

    @Override
    public String getAlgorithm() {
        return algorithm;
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    /** Zeroes the key's bytes; later uses are refused. */
    @Override
    public synchronized void destroy() {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
            bytes = null;
        }
    }

    @Override
    public synchronized boolean isDestroyed() {
        return bytes == null;
    }

    /** Wipes {@code key} when it is a wipeable key; any other key is left to the garbage collector. */
    public static void wipe(SecretKey key) {
        if (key instanceof WipeableKey wipeable) {
            wipeable.destroy();
        }
    }

    /** Runs a wipe at once, for when nothing can still be using the key (the application is stopping). */
    public static void wipeNow(Runnable wipe) {
        wipe.run();
    }

    /** Runs wipes after {@link #WIPE_GRACE}. */
    public static Executor afterGrace() {
        return CompletableFuture.delayedExecutor(WIPE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return "WipeableKey[" + algorithm + (isDestroyed() ? ", wiped" : "") + "]";
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws NotSerializableException {
        throw new NotSerializableException("Key material is never serialised");
    }
}
