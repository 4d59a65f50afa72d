package org.lockbox.persistence;

import java.util.Optional;
import java.util.function.Function;

/**
 * The server's database as a tool beside the server reaches it, from the server's variables looked
 * up by name: PostgreSQL from db.kind, db.hosts (or db.host and db.port), db.target.server.type,
 * db.name, db.user and db.password (DB_KIND, ...), or the embedded Derby database under
 * lockbox.data.dir. The defaults are server.xml's, which Liberty reads and a tool cannot.
 */
public record DatabaseAddress(String url, String user, String password) {

    /**
     * The address the variables name, unless {@code explicitUrl} is given; {@code derbyOptions}
     * follow the embedded database's path (such as ";create=true").
     */
    public static DatabaseAddress of(Function<String, Optional<String>> config, Optional<String> explicitUrl,
                                     String derbyOptions) {
        boolean postgres = "postgres".equalsIgnoreCase(config.apply("db.kind").orElse("derby"));
        String url = explicitUrl.orElseGet(() -> postgres
                ? "jdbc:postgresql://" + postgresHosts(config) + "/" + config.apply("db.name").orElse("lockbox")
                        + "?targetServerType=" + config.apply("db.target.server.type").orElse("primary")
                : "jdbc:derby:" + config.apply("lockbox.data.dir").orElse("lockbox-data") + "/derby" + derbyOptions);
        boolean derby = url.startsWith("jdbc:derby");
        return new DatabaseAddress(url, derby ? "app" : config.apply("db.user").orElse("lockbox"),
                derby ? "app" : config.apply("db.password").orElse("lockbox"));
    }

    /** The servers to try in order, as the server's db/postgres.xml names them. */
    private static String postgresHosts(Function<String, Optional<String>> config) {
        return config.apply("db.hosts").filter(hosts -> !hosts.isBlank()).orElseGet(() ->
                config.apply("db.host").orElse("127.0.0.1") + ":" + config.apply("db.port").orElse("5432"));
    }

    /** The address only: the password stays out of messages and logs. */
    @Override
    public String toString() {
        return url;
    }
}
