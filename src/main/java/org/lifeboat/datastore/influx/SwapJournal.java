package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal of one swap, kept in its marker database ({@link ArtifactNames#marker}): before
 * each step a point says which live database is at which step, and what a rollback needs to put
 * it back as it was (its retention policies as they were, durations included, and its continuous
 * queries), so that after Lifeboat was killed the next restore can settle the swap
 * ({@link SwapSettlement}). Before the commit's first step a point says the commit began. The
 * marker exists from the swap's start to the end of its commit or rollback. Each point is
 * complete in itself; the last one of a database is its state.
 */
final class SwapJournal {

    /** The database is to be swapped; nothing of it is touched yet. */
    static final String PENDING = "pending";
    /** The live database is being copied aside; it is untouched, its aside copy incomplete. */
    static final String COPYING_ASIDE = "copying-aside";
    /** The aside copy is complete and checked; the live database is being replaced. */
    static final String REPLACING = "replacing";
    /** There was no live database; one is being made from the restored copy. */
    static final String NO_LIVE_DATABASE = "no-live-database";
    /** A rollback is putting the aside copy back; the copy is dropped only once the live database is whole again. */
    static final String PUTTING_BACK = "putting-back";
    /** The live database is back as it was; only its aside copy may be left to drop. */
    static final String PUT_BACK = "put-back";

    /**
     * One database's last recorded step.
     *
     * @param database the live database
     * @param state one of the states above
     * @param policies its retention policies as they were, in order; null where the journal has none (an older Lifeboat's)
     * @param continuousQueries its {@code CREATE CONTINUOUS QUERY} statements; null where the journal has none
     */
    record Entry(String database, String state, List<RetentionPolicy> policies, List<String> continuousQueries) {

        Entry at(String next) {
            return new Entry(database, next, policies, continuousQueries);
        }
    }

    /**
     * What a marker database says.
     *
     * @param entries live database → its last entry, in the order of the swap
     * @param committing whether the swap's commit had begun
     */
    record Contents(Map<String, Entry> entries, boolean committing) {
    }

    private final InfluxConnection connection;
    private final String marker;
    private long time = System.currentTimeMillis() * 1_000_000L;

    SwapJournal(InfluxConnection connection, String marker) {
        this.connection = connection;
        this.marker = marker;
    }

    String marker() {
        return marker;
    }

    void create() throws IOException {
        connection.query(null, "CREATE DATABASE " + InfluxQl.identifier(marker));
    }

    void record(Entry entry) throws IOException {
        StringBuilder line = new StringBuilder("swap state=").append(string(entry.state())).append(",database=")
                .append(string(entry.database()));
        if (entry.policies() != null) {
            line.append(",policies=").append(string(encodePolicies(entry.policies())));
        }
        if (entry.continuousQueries() != null) {
            line.append(",cqs=").append(string(encodeList(entry.continuousQueries())));
        }
        connection.write(marker, "autogen", List.of(line.append(' ').append(++time).toString()));
    }

    /** Records that the commit began: from here on the swap is finished, never rolled back. */
    void committing() throws IOException {
        connection.write(marker, "autogen", List.of("commit state=\"committing\" " + (++time)));
    }

    void drop() throws IOException {
        connection.query(null, "DROP DATABASE " + InfluxQl.identifier(marker));
    }

    /** What the marker database {@code marker} holds. */
    static Contents read(InfluxConnection connection, String marker) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (InfluxSeries series : connection.query(marker, "SELECT * FROM \"autogen\".\"swap\"")) {
            int database = series.column("database");
            int state = series.column("state");
            int policies = series.columns().indexOf("policies");
            int cqs = series.columns().indexOf("cqs");
            for (List<Object> row : series.values()) {
                String name = String.valueOf(row.get(database));
                Object policyText = policies < 0 ? null : row.get(policies);
                Object cqText = cqs < 0 ? null : row.get(cqs);
                entries.put(name, new Entry(name, String.valueOf(row.get(state)),
                        policyText == null ? null : decodePolicies(marker, String.valueOf(policyText)),
                        cqText == null ? null : decodeList(String.valueOf(cqText))));
            }
        }
        boolean committing = !connection.query(marker, "SELECT * FROM \"autogen\".\"commit\"").isEmpty();
        return new Contents(entries, committing);
    }

    private static String string(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Each policy as its five fields, %-encoded and space-separated; policies comma-separated. */
    private static String encodePolicies(List<RetentionPolicy> policies) {
        List<String> parts = new ArrayList<>();
        for (RetentionPolicy policy : policies) {
            parts.add(String.join(" ", encode(policy.name()), encode(policy.duration()), encode(policy.shardDuration()),
                    Integer.toString(policy.replication()), Boolean.toString(policy.isDefault())));
        }
        return String.join(",", parts);
    }

    private static List<RetentionPolicy> decodePolicies(String marker, String text) throws IOException {
        List<RetentionPolicy> policies = new ArrayList<>();
        for (String part : decodeable(text)) {
            String[] fields = part.split(" ");
            if (fields.length != 5) {
                throw new IOException("marker database '" + marker + "': unreadable retention policy '" + part + "'");
            }
            policies.add(new RetentionPolicy(decode(fields[0]), decode(fields[1]), decode(fields[2]), Integer.parseInt(fields[3]),
                    Boolean.parseBoolean(fields[4])));
        }
        return policies;
    }

    private static String encodeList(List<String> values) {
        return String.join(",", values.stream().map(SwapJournal::encode).toList());
    }

    private static List<String> decodeList(String text) {
        return decodeable(text).stream().map(SwapJournal::decode).toList();
    }

    private static List<String> decodeable(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
