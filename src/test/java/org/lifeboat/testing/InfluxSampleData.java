package org.lifeboat.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test data for InfluxDB, and an exact fingerprint of what a server holds. */
public final class InfluxSampleData {

    /** 2024-01-01T00:00:00Z in nanoseconds. */
    public static final long BASE = 1_704_067_200_000_000_000L;

    private InfluxSampleData() {
    }

    /**
     * Fills {@code db} (which must exist) with {@code points} points of {@code cpu} in the default
     * policy (floats, integers, booleans, strings, one with a newline), 50 recent points of
     * {@code disk free} in a one-hour policy {@code short one}, and a continuous query.
     */
    public static void create(InfluxServer server, String db, int points) {
        server.query(db, "CREATE RETENTION POLICY \"short one\" ON \"" + db + "\" DURATION 1h REPLICATION 1 SHARD DURATION 1h");
        server.query(db, "CREATE CONTINUOUS QUERY \"cpu hourly\" ON \"" + db + "\" BEGIN SELECT mean(usage) INTO \"" + db
                + "\".\"short one\".cpu_mean FROM \"" + db + "\".autogen.cpu GROUP BY time(1h), * END");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < points; i++) {
            lines.append("cpu,host=h").append(i % 7).append(",region=eu-").append(i % 3)
                    .append(" usage=").append(i * 0.37).append(",count=").append(i * 1_000_003L).append('i')
                    .append(",ok=").append(i % 2 == 0)
                    .append(",note=\"").append(i % 100 == 0 ? "line one\nline \\\"two\\\"" : "n" + i).append('"')
                    .append(' ').append(BASE + i * 1_000_000_000L).append('\n');
            if (lines.length() > 1_000_000) {
                server.write(db, null, lines.toString());
                lines.setLength(0);
            }
        }
        if (!lines.isEmpty()) {
            server.write(db, null, lines.toString());
        }
        long now = System.currentTimeMillis() * 1_000_000L;
        StringBuilder recent = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            recent.append("disk\\ free,path=/var/lib free=").append(1000 - i).append("i ").append(now - 600_000_000_000L + i).append('\n');
        }
        server.write(db, "short one", recent.toString());
    }

    /** Other data: one measurement the sample never has, and a different policy. */
    public static void createOther(InfluxServer server, String db) {
        server.query(db, "CREATE RETENTION POLICY other ON \"" + db + "\" DURATION INF REPLICATION 1 SHARD DURATION 2h DEFAULT");
        server.write(db, "other", "stray,kind=old value=1 " + BASE + "\nstray,kind=old value=2 " + (BASE + 1) + "\n");
    }

    /**
     * Every database but {@code _internal}: its retention policies, continuous queries, shard
     * groups, tag keys, and per policy its field types and every point as the server's JSON
     * (nanosecond times), read one shard group at a time. Field types are compared per policy
     * ({@code SHOW FIELD KEYS} alone answers for the default one) and points per shard group,
     * because a query over two shards where a field is integer in one and float in the other
     * answers floats for both. Equal fingerprints mean equal content, field types included.
     */
    public static String fingerprint(InfluxServer server) {
        StringBuilder out = new StringBuilder();
        String groups = server.query(null, "SHOW SHARD GROUPS");
        for (String db : names(server.query(null, "SHOW DATABASES"))) {
            if (db.equals("_internal") || db.contains("_lifeboat_")) { // Lifeboat's own copies are looked at apart
                continue;
            }
            String q = quote(db);
            out.append("database ").append(db).append('\n');
            String policies = server.query(db, "SHOW RETENTION POLICIES ON " + q);
            out.append(policies).append('\n');
            out.append(server.query(db, "SHOW TAG KEYS")).append('\n');
            String cqs = server.query(null, "SHOW CONTINUOUS QUERIES");
            Matcher cq = Pattern.compile("\\{\"name\":\"" + Pattern.quote(db) + "\",\"columns\":\\[[^\\]]*\\](,\"values\":\\[\\[.*?\\]\\])?\\}")
                    .matcher(cqs);
            out.append(cq.find() ? cq.group() : "no continuous queries").append('\n');
            for (String rp : names(policies)) {
                out.append("policy ").append(rp).append(" fields: ")
                        .append(server.query(db, "SHOW FIELD KEYS ON " + q + " FROM " + quote(rp) + "./.*/")).append('\n');
                List<String[]> spans = shardGroups(groups, db, rp);
                for (int i = 0; i < spans.size(); i++) {
                    String range = "time >= " + spans.get(i)[0] + (i + 1 < spans.size() ? " AND time < " + spans.get(i)[1] : "");
                    out.append("policy ").append(rp).append(" shard group ").append(spans.get(i)[2]).append(" … ").append(spans.get(i)[3])
                            .append(": ").append(server.query(db, "SELECT * FROM " + q + "." + quote(rp) + "./.*/ WHERE " + range
                                    + " GROUP BY *")).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** {start ns, end ns, start text, end text} of each shard group of {@code db}.{@code rp}, in time order. */
    private static List<String[]> shardGroups(String json, String db, String rp) {
        List<String[]> spans = new ArrayList<>();
        String text = "\"((?:[^\"\\\\]|\\\\.)*)\"";
        Matcher row = Pattern.compile("\\[\\d+," + text + "," + text + "," + text + "," + text + "," + text + "\\]").matcher(json);
        while (row.find()) {
            if (unescape(row.group(1)).equals(db) && unescape(row.group(2)).equals(rp)) {
                spans.add(new String[] {Long.toString(nanos(row.group(3))), Long.toString(nanos(row.group(4))), row.group(3), row.group(4)});
            }
        }
        spans.sort(java.util.Comparator.comparing((String[] span) -> Long.parseLong(span[0])));
        return spans;
    }

    /** An RFC 3339 time in nanoseconds, within InfluxDB's valid range. */
    private static long nanos(String rfc3339) {
        java.time.Instant instant = java.time.Instant.parse(rfc3339);
        java.math.BigInteger nanos = java.math.BigInteger.valueOf(instant.getEpochSecond()).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
                .add(java.math.BigInteger.valueOf(instant.getNano()));
        return nanos.max(java.math.BigInteger.valueOf(-9_223_372_036_854_775_806L)).min(java.math.BigInteger.valueOf(9_223_372_036_854_775_806L))
                .longValueExact();
    }

    private static String quote(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String unescape(String json) {
        return json.replace("\\\"", "\"").replace("\\\\", "\\");
    }

    /** The first column of each row in a JSON answer (names in SHOW answers). */
    public static List<String> names(String json) {
        List<String> names = new ArrayList<>();
        Matcher values = Pattern.compile("\"values\":\\[(.*?)\\]\\]").matcher(json);
        while (values.find()) {
            Matcher row = Pattern.compile("\\[\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(values.group(1) + "]");
            while (row.find()) {
                names.add(row.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
        }
        return names;
    }
}
