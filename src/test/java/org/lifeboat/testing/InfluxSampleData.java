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
     * Every database but {@code _internal}: its retention policies, continuous queries, field and
     * tag keys, and every point of every policy as the server's JSON (exact values, nanosecond
     * times). Equal fingerprints mean equal content, field types included.
     */
    public static String fingerprint(InfluxServer server) {
        StringBuilder out = new StringBuilder();
        for (String db : names(server.query(null, "SHOW DATABASES"))) {
            if (db.equals("_internal")) {
                continue;
            }
            String q = "\"" + db.replace("\"", "\\\"") + "\"";
            out.append("database ").append(db).append('\n');
            String policies = server.query(db, "SHOW RETENTION POLICIES ON " + q);
            out.append(policies).append('\n');
            out.append(server.query(db, "SHOW FIELD KEYS")).append('\n');
            out.append(server.query(db, "SHOW TAG KEYS")).append('\n');
            String cqs = server.query(null, "SHOW CONTINUOUS QUERIES");
            Matcher cq = Pattern.compile("\\{\"name\":\"" + Pattern.quote(db) + "\",\"columns\":\\[[^\\]]*\\](,\"values\":\\[\\[.*?\\]\\])?\\}")
                    .matcher(cqs);
            out.append(cq.find() ? cq.group() : "no continuous queries").append('\n');
            for (String rp : names(policies)) {
                out.append("policy ").append(rp).append(": ").append(server.query(db, "SELECT * FROM " + q + ".\""
                        + rp.replace("\"", "\\\"") + "\"./.*/ GROUP BY *")).append('\n');
            }
        }
        return out.toString();
    }

    /** The first column of each row in a JSON answer (names in SHOW answers). */
    static List<String> names(String json) {
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
