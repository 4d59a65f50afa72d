package org.lockbox.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A direct JDBC connection to the database the running server uses, bypassing Lockbox: PostgreSQL
 * when DB_KIND=postgres, otherwise the embedded Derby database through the Derby network server
 * that the test server starts on loopback.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static boolean postgres() {
        return "postgres".equalsIgnoreCase(System.getenv().getOrDefault("DB_KIND", "derby"));
    }

    public static Connection connect() {
        String url = url();
        try {
            return DriverManager.getConnection(url, user(), password());
        } catch (SQLException e) {
            throw new AssertionError("Cannot open the server's database directly at " + url
                    + " (for Derby the test server must run with -Dderby.drda.startNetworkServer=true,"
                    + " as the pom's integration-test execution sets)", e);
        }
    }

    /** The JDBC address of the server's database, reachable from outside the server. */
    public static String url() {
        return postgres()
                ? "jdbc:postgresql://" + env("DB_HOST", "127.0.0.1") + ":" + env("DB_PORT", "5432") + "/"
                + env("DB_NAME", "lockbox")
                : "jdbc:derby://127.0.0.1:" + System.getProperty("lockbox.derby.port", "1527") + "/"
                + Tokens.dataDir().resolve("derby").toAbsolutePath();
    }

    public static String user() {
        return postgres() ? env("DB_USER", "lockbox") : "app";
    }

    public static String password() {
        return postgres() ? env("DB_PASSWORD", "lockbox") : "app";
    }

    /** The service (and so the master key) a stored secret belongs to, read from its row. */
    public static String serviceOfSecret(String id) {
        return (String) secretColumn(id, "service");
    }

    /** A stored secret's wrapped material, as its row holds it. */
    public static byte[] wrappedMaterial(String id) {
        return (byte[]) secretColumn(id, "wrapped_material");
    }

    private static Object secretColumn(String id, String column) {
        try (Connection db = connect();
             java.sql.PreparedStatement select = db.prepareStatement("SELECT " + column + " FROM secret WHERE id = ?")) {
            select.setString(1, id);
            try (java.sql.ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new AssertionError("No secret row " + id);
                }
                return rows.getObject(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static String env(String name, String fallback) {
        return System.getenv().getOrDefault(name, fallback);
    }
}
