package org.lifeboat.datastore.postgres.pgbackrest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lifeboat.datastore.postgres.server.PostgresRowCounts;

/**
 * What a physical restore can bring back, and so what its check compares. PostgreSQL never puts
 * an unlogged table's rows in a physical backup (it writes no WAL for them and resets them at the
 * end of recovery), so such a table, recorded under its name with {@link PostgresRowCounts#UNLOGGED}
 * and the rows it held at backup, must come back existing and empty. Sets recorded before that mark
 * existed hold an unlogged table under its plain name: when the restored table is unlogged it is
 * checked the same way, with a warning. Pure.
 */
final class PhysicalCounts {

    private PhysicalCounts() {
    }

    /**
     * The counts {@code actual} must show: {@code recorded}, with every unlogged table (marked, or
     * unmarked but unlogged in {@code actual}) expected empty; {@code notes} gets one line for
     * each table an older set recorded unmarked.
     */
    static Map<String, Map<String, Long>> expected(Map<String, Map<String, Long>> recorded, Map<String, Map<String, Long>> actual,
            List<String> notes) {
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        for (Map.Entry<String, Map<String, Long>> database : recorded.entrySet()) {
            Map<String, Long> found = actual.getOrDefault(database.getKey(), Map.of());
            Map<String, Long> tables = new TreeMap<>();
            for (Map.Entry<String, Long> table : database.getValue().entrySet()) {
                String name = table.getKey();
                if (name.endsWith(PostgresRowCounts.UNLOGGED)) {
                    tables.put(name, 0L);
                } else if (found.containsKey(name + PostgresRowCounts.UNLOGGED) && !found.containsKey(name)) {
                    tables.put(name + PostgresRowCounts.UNLOGGED, 0L);
                    notes.add(database.getKey() + ": " + name + " is unlogged: its " + table.getValue()
                            + " rows at backup are not in a physical backup");
                } else {
                    tables.put(name, table.getValue());
                }
            }
            expected.put(database.getKey(), tables);
        }
        return expected;
    }

    /**
     * One line for the manifest's record and the log per unlogged table that held rows at backup
     * ({@code counts} as {@link PostgresRowCounts#PHYSICAL_COUNTS} gives them), per unlogged
     * sequence, and per database that is in the backup but could not be counted.
     */
    static List<String> notRestorable(Map<String, Map<String, Long>> counts, Map<String, List<String>> unloggedSequences,
            Map<String, String> uncounted) {
        List<String> lines = new ArrayList<>();
        counts.forEach((database, tables) -> tables.forEach((table, rows) -> {
            if (table.endsWith(PostgresRowCounts.UNLOGGED)) {
                String name = table.substring(0, table.length() - PostgresRowCounts.UNLOGGED.length());
                lines.add("database " + database + ": unlogged table " + name + " (" + rows
                        + " rows at backup): not in a physical backup, a restore brings it back empty");
            }
        }));
        unloggedSequences.forEach((database, sequences) -> sequences.forEach(sequence -> lines.add("database " + database
                + ": unlogged sequence " + sequence + ": not in a physical backup, a restore resets it to its start")));
        uncounted.forEach((database, reason) -> lines.add("database " + database + ": in the physical backup, rows not counted ("
                + reason + ")"));
        return lines;
    }
}
