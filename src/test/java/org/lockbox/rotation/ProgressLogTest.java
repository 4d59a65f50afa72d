package org.lockbox.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProgressLogTest {

    private final Logger logger = Logger.getLogger("test.progress." + System.nanoTime());
    private final List<LogRecord> records = new ArrayList<>();
    private long now;

    @BeforeEach
    void capture() {
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @AfterEach
    void release() {
        logger.setUseParentHandlers(true);
    }

    @Test
    void logsTheStartEveryFewSecondsAndTheEnd() {
        ProgressLog log = new ProgressLog(logger, "Master-key rotation of service 'volume' to version 2", "KEKs",
                300, 0, () -> now);
        log.started(300);
        for (int i = 0; i < 300; i++) {
            now += 50_000_000L; // 20 a second
            log.rewrapped(1);
        }
        log.finished(0, "older versions may be retired");

        List<String> lines = messages();
        assertEquals("Master-key rotation of service 'volume' to version 2: started, 300 KEKs to rewrap", lines.get(0));
        assertEquals(15 / 5 + 2, lines.size(), "a line every five seconds over fifteen: " + lines);
        assertEquals("Master-key rotation of service 'volume' to version 2: 100 of 300 KEKs rewrapped (20/s)",
                lines.get(1));
        assertEquals("Master-key rotation of service 'volume' to version 2: done, 300 KEKs rewrapped in 15.0 s;"
                + " older versions may be retired", lines.get(lines.size() - 1));
    }

    @Test
    void logsEveryThousandKeysWhenFast() {
        ProgressLog log = new ProgressLog(logger, "R", "secrets", 2500, 0, () -> now);
        for (int i = 0; i < 2500; i++) {
            now += 1_000_000L; // a thousand a second
            log.rewrapped(1);
        }
        assertEquals(List.of("R: 1000 of 2500 secrets rewrapped (1000/s)",
                "R: 2000 of 2500 secrets rewrapped (1000/s)"), messages());
    }

    @Test
    void aResumedSweepSaysHowFarTheInterruptedOneGot() {
        ProgressLog log = new ProgressLog(logger, "R", "KEKs", 300, 120, () -> now);
        log.started(180);
        now += 6_000_000_000L;
        log.rewrapped(60);
        log.finished(0, "");
        assertEquals(List.of("R: resuming, 120 of 300 KEKs were rewrapped before; 180 to go",
                "R: 180 of 300 KEKs rewrapped (10/s)",
                "R: done, 60 KEKs rewrapped in 6.0 s (180 in all)"), messages());
    }

    @Test
    void failuresAreAWarning() {
        ProgressLog log = new ProgressLog(logger, "R", "secrets", 10, 0, () -> now);
        log.rewrapped(8);
        log.failed(2);
        log.finished(2, "");
        LogRecord last = records.get(records.size() - 1);
        assertEquals(Level.WARNING, last.getLevel());
        assertTrue(last.getMessage().contains("2 failed their integrity check, 2 still under an older version"),
                last.getMessage());
    }

    private List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }
}
