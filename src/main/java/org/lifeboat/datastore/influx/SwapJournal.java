package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal of one swap, kept in its marker database ({@link ArtifactNames#marker}): before
 * each step a point says which live database is at which step, so that after Lifeboat was killed
 * the next restore can say exactly what is where. The marker exists from the swap's start to the
 * end of its commit or rollback.
 */
final class SwapJournal {

    /** The live database is being copied aside; it is untouched, its aside copy incomplete. */
    static final String COPYING_ASIDE = "copying-aside";
    /** The aside copy is complete and checked; the live database is being replaced. */
    static final String REPLACING = "replacing";
    /** There was no live database; one is being made from the restored copy. */
    static final String NO_LIVE_DATABASE = "no-live-database";

    private final InfluxConnection connection;
    private final String marker;
    private long time = System.currentTimeMillis() * 1_000_000L;

    SwapJournal(InfluxConnection connection, String marker) {
        this.connection = connection;
        this.marker = marker;
    }

    void create() throws IOException {
        connection.query(null, "CREATE DATABASE " + InfluxQl.identifier(marker));
    }

    void record(String database, String state) throws IOException {
        String escaped = database.replace("\\", "\\\\").replace("\"", "\\\"");
        connection.write(marker, "autogen", List.of("swap state=\"" + state + "\",database=\"" + escaped + "\" " + (++time)));
    }

    void drop() throws IOException {
        connection.query(null, "DROP DATABASE " + InfluxQl.identifier(marker));
    }

    /** Live database → its last recorded state, in the marker database {@code marker}. */
    static Map<String, String> read(InfluxConnection connection, String marker) throws IOException {
        Map<String, String> states = new LinkedHashMap<>();
        for (InfluxSeries series : connection.query(marker, "SELECT \"database\", \"state\" FROM \"autogen\".\"swap\"")) {
            int database = series.column("database");
            int state = series.column("state");
            for (List<Object> row : series.values()) {
                states.put(String.valueOf(row.get(database)), String.valueOf(row.get(state)));
            }
        }
        return states;
    }
}
