package org.lockbox.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Stops, starts and kills the real server under test, with the scripts and files Liberty itself uses. */
public final class LibertyServer {

    private static final Path WLP = Path.of(System.getProperty("lockbox.wlp.dir", "target/liberty/wlp"));
    private static final String NAME = "lockbox";

    private LibertyServer() {
    }

    /** The server's own directory: server.xml, configDropins, logs, lockbox-data. */
    public static Path directory() {
        return Tokens.dataDir().getParent();
    }

    public static void stop() throws IOException, InterruptedException {
        script("stop");
    }

    /** Whether the server is running, as {@code server status} says. */
    public static boolean running() throws IOException, InterruptedException {
        return run("status") == 0;
    }

    public static void start() throws IOException, InterruptedException {
        script("start");
    }

    /** Kills the server's JVM with SIGKILL, as a crash or a power cut would: no shutdown of any kind runs. */
    public static void kill() throws IOException, InterruptedException {
        Path pidFile = WLP.resolve("usr/servers/.pid/" + NAME + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new AssertionError("no process " + pid + " (from " + pidFile + ")"));
        if (!process.destroyForcibly()) {
            throw new AssertionError("could not kill process " + pid);
        }
        try {
            process.onExit().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("process " + pid + " did not die", e);
        }
    }

    /** Polls until readiness is UP (the application may still be starting). */
    public static Reply awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        Reply last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = Lockbox.send(Lockbox.request("/health/ready").GET());
                if (last.status() == 200 && last.contentType().startsWith("application/json")) {
                    return last;
                }
            } catch (AssertionError notListeningYet) {
                // The HTTP endpoint is not open yet.
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the server was not ready within 180 s; last: " + last);
    }

    private static void script(String command) throws IOException, InterruptedException {
        int exit = run(command);
        if (exit != 0) {
            throw new AssertionError("server " + command + " failed with exit code " + exit);
        }
    }

    private static int run(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(WLP.resolve("bin/server").toString(), command, NAME)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server " + command + " did not finish");
        }
        return process.exitValue();
    }
}
