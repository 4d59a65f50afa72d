package org.lockbox.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** The tools find the server's database from the server's own variables. */
class DatabaseAddressTest {

    private static Function<String, Optional<String>> settings(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }

    @Test
    void postgresIsNamedByTheDatabaseVariables() {
        DatabaseAddress address = DatabaseAddress.of(settings(Map.of("db.kind", "postgres", "db.host", "db.example",
                "db.port", "6543", "db.name", "keys", "db.user", "keeper", "db.password", "s3cret")),
                Optional.empty(), ";create=true");
        assertEquals(new DatabaseAddress("jdbc:postgresql://db.example:6543/keys?targetServerType=primary",
                "keeper", "s3cret"), address);
        assertFalse(address.toString().contains("s3cret"), address.toString());
    }

    @Test
    void aPrimaryAndItsStandbysAreTriedInOrderForTheOneThatAcceptsWrites() {
        assertEquals("jdbc:postgresql://db-a:5432,db-b:5433/lockbox?targetServerType=primary",
                DatabaseAddress.of(settings(Map.of("db.kind", "postgres", "db.hosts", "db-a:5432,db-b:5433",
                        "db.host", "ignored")), Optional.empty(), "").url());
        assertEquals("jdbc:postgresql://db-a:5432/lockbox?targetServerType=any",
                DatabaseAddress.of(settings(Map.of("db.kind", "postgres", "db.host", "db-a",
                        "db.target.server.type", "any")), Optional.empty(), "").url());
    }

    @Test
    void derbyLivesUnderTheDataDirectoryWithItsOptions() {
        assertEquals(new DatabaseAddress("jdbc:derby:/data/derby;create=true", "app", "app"),
                DatabaseAddress.of(settings(Map.of("lockbox.data.dir", "/data", "db.password", "unused")),
                        Optional.empty(), ";create=true"));
        assertEquals("jdbc:derby:lockbox-data/derby",
                DatabaseAddress.of(settings(Map.of()), Optional.empty(), "").url());
    }

    @Test
    void anExplicitAddressWins() {
        assertEquals(new DatabaseAddress("jdbc:postgresql://elsewhere/db", "lockbox", "lockbox"),
                DatabaseAddress.of(settings(Map.of("db.kind", "derby")), Optional.of("jdbc:postgresql://elsewhere/db"),
                        ";create=true"));
    }
}
