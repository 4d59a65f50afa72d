package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lockbox.testing.Keystone;
import org.lockbox.testing.Lockbox;

/**
 * Debian's Barbican clients (the barbican CLI and its Python API, openstack secret commands, castellan's
 * BarbicanKeyManager) against the server under test, with this run's Keystone tokens (JWS or Fernet):
 * runs scripts/barbican-clients, shows its output as it goes and fails on any failed check.
 */
class BarbicanClientsIT {

    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) passed, (\\d+) failed$");

    @BeforeAll
    static void keystone() {
        Keystone.require();
    }

    @Test
    void barbicansOwnClientsSeeBarbican() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("scripts/barbican-clients", "--url", Lockbox.URL)
                .redirectErrorStream(true);
        // the Keystone this server validates with: its tokens are the ones the clients must use
        builder.environment().put("LOCKBOX_KEYSTONE_URL", Keystone.URL);
        Process process = builder.start();
        process.getOutputStream().close();
        List<String> failures = new ArrayList<>();
        String summary = null;
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                System.out.println("barbican-clients: " + line);
                if (line.startsWith("FAIL ")) {
                    failures.add(line);
                }
                if (SUMMARY.matcher(line).matches()) {
                    summary = line;
                }
            }
        }
        assertTrue(process.waitFor(15, TimeUnit.MINUTES), "scripts/barbican-clients hangs");
        assertEquals(List.of(), failures, "checks that found Lockbox behaving unlike Barbican");
        assertTrue(summary != null, "scripts/barbican-clients ended without its summary line (see its output above)");
        Matcher counts = SUMMARY.matcher(summary);
        assertTrue(counts.matches() && Integer.parseInt(counts.group(1)) >= 20 && "0".equals(counts.group(2)),
                "too few checks ran: " + summary);
        assertEquals(0, process.exitValue(), "scripts/barbican-clients failed (see its output above)");
    }
}
