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

    /**
     * Provisions a fresh TPM state as a manufacturer would (swtpm_setup: RSA and ECC EKs with EK
     * certificates and a platform certificate, issued by a local CA kept in caDir and created there
     * on first use), then starts swtpm on it.
     */
    public static Swtpm provisioned(Path stateDir, Path caDir) throws IOException, InterruptedException {
        Files.createDirectories(stateDir);
        Files.createDirectories(caDir);
        Path caConfig = caDir.resolve("swtpm-localca.conf");
        Files.writeString(caConfig, "statedir = " + caDir + "\n"
                + "signingkey = " + caDir.resolve("signkey.pem") + "\n"
                + "issuercert = " + caDir.resolve("issuercert.pem") + "\n"
                + "certserial = " + caDir.resolve("certserial") + "\n");
        Path caOptions = caDir.resolve("swtpm-localca.options");
        Files.writeString(caOptions, "--platform-manufacturer Lockbox\n--platform-version 1\n--platform-model test\n");
        Path setupConfig = stateDir.resolve("swtpm_setup.conf");
        Files.writeString(setupConfig, "create_certs_tool = swtpm_localca\n"
                + "create_certs_tool_config = " + caConfig + "\n"
                + "create_certs_tool_options = " + caOptions + "\n"
                + "active_pcr_banks = sha256\n");
        List<String> command = List.of("swtpm_setup", "--tpm2", "--tpmstate", stateDir.toString(),
                "--create-ek-cert", "--create-platform-cert", "--lock-nvram", "--overwrite",
                "--config", setupConfig.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("swtpm_setup is not installed: apt-get install swtpm swtpm-tools", e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("swtpm_setup failed: " + output);
        }
        return start(stateDir);
    }

    /** The root certificate of a local CA made by {@link #provisioned}. */
    public static Path caRootCertificate(Path caDir) {
        return caDir.resolve("swtpm-localca-rootca-cert.pem");
    }

    /** The intermediate certificate that issues a local CA's EK certificates. */
    public static Path caIssuerCertificate(Path caDir) {
        return caDir.resolve("issuercert.pem");
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
