package org.lifeboat.datastore.postgres.server;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every database of a server, and which of them a dump can hold. No database is left out in
 * silence: each one present is either dumped, or excluded and recorded as such with its reason, or
 * it fails the backup, naming it and why. The standard templates ({@code template0},
 * {@code template1}) are recorded as excluded; any other database that cannot be dumped (one that
 * does not accept connections, another template, an invalid one) fails the backup unless it is
 * listed in {@code exclude-databases}.
 */
public final class PostgresDatabases {

    /** Every database with what decides whether it can be dumped. */
    static final String ALL = "SELECT datname, datistemplate, datallowconn, datconnlimit FROM pg_database ORDER BY 1";

    private static final Set<String> STANDARD_TEMPLATES = Set.of("template0", "template1");

    /**
     * One database as {@code pg_database} shows it.
     *
     * @param name its name
     * @param template {@code datistemplate}
     * @param allowConnections {@code datallowconn}
     * @param connectionLimit {@code datconnlimit}; {@code -2} marks a database an interrupted {@code DROP DATABASE} left invalid
     */
    public record Entry(String name, boolean template, boolean allowConnections, int connectionLimit) {

        /** Whether it is {@code template0} or {@code template1}. */
        public boolean standardTemplate() {
            return template && STANDARD_TEMPLATES.contains(name);
        }

        /** Why it cannot be dumped or counted, or empty when it can. */
        public Optional<String> unusable() {
            if (template) {
                return Optional.of(STANDARD_TEMPLATES.contains(name) ? "a standard template database"
                        : "a template database (IS_TEMPLATE true)");
            }
            if (!allowConnections) {
                return Optional.of("it does not accept connections (ALLOW_CONNECTIONS false)");
            }
            if (connectionLimit == -2) {
                return Optional.of("it is invalid (left by an interrupted DROP DATABASE)");
            }
            return Optional.empty();
        }
    }

    /**
     * What one backup takes.
     *
     * @param dumped the databases to dump, in order
     * @param excluded what the manifest records as left out: {@code database <name>}, with the reason where there is one
     */
    public record Selection(List<String> dumped, List<String> excluded) {
    }

    private PostgresDatabases() {
    }

    /** Every database of {@code connection}'s server, templates and closed ones included. */
    public static List<Entry> list(Connection connection) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(ALL)) {
            while (rows.next()) {
                entries.add(new Entry(rows.getString(1), rows.getBoolean(2), rows.getBoolean(3), rows.getInt(4)));
            }
        }
        return entries;
    }

    /**
     * The configured databases (or every one present), less the excluded.
     *
     * @throws IOException naming every database that is wanted but does not exist or cannot be dumped, and why
     */
    public static Selection select(List<Entry> present, List<String> wanted, List<String> exclude) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> names = present.stream().map(Entry::name).toList();
        for (String name : wanted) {
            if (!names.contains(name)) {
                problems.add("database '" + name + "' does not exist");
            }
        }
        List<String> dumped = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (Entry entry : present) {
            Optional<String> unusable = entry.unusable();
            boolean asked = wanted.isEmpty() ? !STANDARD_TEMPLATES.contains(entry.name()) : wanted.contains(entry.name());
            if (exclude.contains(entry.name())) {
                excluded.add("database " + entry.name() + unusable.map(reason -> " (" + reason + ")").orElse(""));
            } else if (!asked) {
                excluded.add("database " + entry.name() + unusable.map(reason -> " (" + reason + ")").orElse(" (not in databases)"));
            } else if (unusable.isPresent()) {
                problems.add("database '" + entry.name() + "' cannot be dumped: " + unusable.get()
                        + " (list it in exclude-databases to back up the others without it)");
            } else {
                dumped.add(entry.name());
            }
        }
        if (!problems.isEmpty()) {
            throw new IOException(String.join("; ", problems));
        }
        return new Selection(dumped, excluded);
    }
}
