package org.lockbox.rootoftrust.tpm;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real software TPM (swtpm) for tests: started on free loopback ports with a throwaway state
 * directory, stopped afterwards. Fails with what to install when swtpm is missing.
 */
public final class Swtpm implements AutoCloseable {

    private final Path stateDir;
    private final int port;
    private final long pid;

    private Swtpm(Path stateDir, int port, long pid) {
        this.stateDir = stateDir;
        this.port = port;
        this.pid = pid;
    }

    public static Swtpm start(Path stateDir) throws IOException, InterruptedException {
        Files.createDirectories(stateDir);
        int port = freePortPair();
        Path pidFile = stateDir.resolve("swtpm.pid");
        Files.deleteIfExists(pidFile);
        List<String> command = List.of("swtpm", "socket", "--tpm2",
                "--server", "type=tcp,port=" + port + ",bindaddr=127.0.0.1",
                "--ctrl", "type=tcp,port=" + (port + 1) + ",bindaddr=127.0.0.1",
                "--tpmstate", "dir=" + stateDir, "--flags", "not-need-init,startup-clear",
                "--pid", "file=" + pidFile, "--daemon");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("swtpm is not installed: apt-get install swtpm swtpm-tools tpm2-tools"
                    + " (scripts/test installs them)", e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("swtpm did not start: " + output);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!Files.exists(pidFile) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        return new Swtpm(stateDir, port, pid);
    }

    public int port() {
        return port;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** Settings for a TpmSealer on this TPM with a PCR 23 policy and the given blob directory. */
    public TpmSettings settings(Path blobDir, SealingPolicy policy, String authValue, int timeoutMillis) {
        return new TpmSettings(TpmSettings.Mode.TCP, "127.0.0.1", port, null, timeoutMillis, policy,
                authValue == null ? null : authValue.getBytes(), blobDir);
    }

    /** Freezes the TPM process, as a hung TPM would be. */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** The TCTI string tpm2-tools needs to talk to this TPM. */
    public String tcti() {
        return "swtpm:host=127.0.0.1,port=" + port;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        signal("CONT");
        signal("TERM");
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    }

    private void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
    }

    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0)) {
                int port = first.getLocalPort();
                if (port < 65535) {
                    try (ServerSocket second = new ServerSocket(port + 1)) {
                        return port;
                    } catch (IOException taken) {
                        // Try another pair.
                    }
                }
            }
        }
        throw new IOException("No two consecutive free ports");
    }
}
