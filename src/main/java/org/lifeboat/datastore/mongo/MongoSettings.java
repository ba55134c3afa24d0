package org.lifeboat.datastore.mongo;

import java.util.List;
import java.util.Objects;

/**
 * How to reach one MongoDB deployment and what to back up.
 *
 * @param connectionString a {@code mongodb://} or {@code mongodb+srv://} string WITHOUT credentials
 *     (hosts, replica set, TLS and timeout options); one with credentials is refused
 * @param user the user to authenticate as, or {@code null} for none
 * @param password the user's password, from the caller; never logged, never in {@link #toString()}
 * @param authDatabase where the user is defined, {@code admin} if {@code null}
 * @param databases the databases to back up; empty: every one but {@code admin}, {@code local}, {@code config}
 * @param excludeDatabases databases left out
 * @param excludeCollections collections left out, as {@code database.collection}
 */
public record MongoSettings(
        String connectionString,
        String user,
        String password,
        String authDatabase,
        List<String> databases,
        List<String> excludeDatabases,
        List<String> excludeCollections) {

    /** Left out when no database list is configured: the server's own databases. */
    public static final List<String> SYSTEM_DATABASES = List.of("admin", "local", "config");

    public MongoSettings {
        Objects.requireNonNull(connectionString, "connectionString");
        authDatabase = authDatabase == null || authDatabase.isBlank() ? "admin" : authDatabase;
        databases = List.copyOf(databases == null ? List.of() : databases);
        excludeDatabases = List.copyOf(excludeDatabases == null ? List.of() : excludeDatabases);
        excludeCollections = List.copyOf(excludeCollections == null ? List.of() : excludeCollections);
    }

    /** Every setting but the password. */
    @Override
    public String toString() {
        return "MongoSettings[connectionString=" + redacted(connectionString) + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", authDatabase=" + authDatabase + ", databases=" + databases + ", excludeDatabases=" + excludeDatabases
                + ", excludeCollections=" + excludeCollections + "]";
    }

    /** The connection string with anything between {@code //} and {@code @} masked, should it hold credentials. */
    static String redacted(String connectionString) {
        return connectionString.replaceFirst("//[^/@]*@", "//***@");
    }
}
