package org.lifeboat.testing;

/**
 * Data that a backup easily alters: for each case, what the server holds and the line the
 * artifact must carry for it.
 *
 * <ul>
 *   <li>{@code reading}: integers at the int64 limits, 2^53 ± 1 and small ones in the default
 *       policy, and in policy {@code downsampled} the float means of the same field that the
 *       database's continuous query writes (run here by hand, as the CQ would): one field,
 *       integer in one policy and float in the other;
 *   <li>{@code drift}: one field integer in a 2001 shard group and float in a 2020 one of the same
 *       policy (a query over both answers floats for both);
 *   <li>{@code floats}: floats with integral values (they stay floats), extremes, negative zero;
 *   <li>{@code text}: strings with quotes, backslashes (one at the end), tabs, a carriage return,
 *       accents, a snowman and an emoji; booleans; tags and a measurement with spaces, commas,
 *       equals signs, quotes, a leading {@code #} in a tag value, and a tag named like a field;
 *   <li>{@code untagged} and {@code mixed}: series whose points have different field sets;
 *   <li>{@code edges}: points in the first and last nanoseconds InfluxDB accepts.
 * </ul>
 * No string holds a newline: {@code influx -import} cannot read one (a known limit; Lifeboat's
 * own restore can, see {@link InfluxSampleData}).
 */
public final class InfluxHostileData {

    /** The first and last nanoseconds InfluxDB 1.6 accepts (it refuses one more on either side). */
    public static final long MIN_TIME = -9_223_372_036_854_775_806L;
    public static final long MAX_TIME = 9_223_372_036_854_775_806L;
    /** The integers of {@code reading}, in time order from {@link InfluxSampleData#BASE}, one a minute. */
    public static final long[] INTEGERS = {Long.MAX_VALUE, Long.MIN_VALUE, 9_007_199_254_740_993L, -9_007_199_254_740_993L,
        9_007_199_254_740_992L, 0, -1, 127, 128, -129, 1};
    /** Points per {@code "rp"."measurement"} (a point is a series and a time). */
    public static final java.util.Map<String, Long> POINTS = java.util.Map.of("\"autogen\".\"reading\"", (long) INTEGERS.length,
            "\"downsampled\".\"reading\"", 3L, "\"autogen\".\"drift\"", 4L, "\"autogen\".\"floats\"", 1L,
            "\"autogen\".\"te\\\"xt m,e=as ☃\"", 3L, "\"autogen\".\"untagged\"", 4L, "\"autogen\".\"mixed\"", 5L,
            "\"autogen\".\"edges\"", 5L);

    private InfluxHostileData() {
    }

    /** Creates {@code db} (which must not exist) with policy {@code downsampled}, its continuous query, and the data. */
    public static void create(InfluxServer server, String db) {
        String q = "\"" + db + "\"";
        long base = InfluxSampleData.BASE;
        long minute = 60_000_000_000L;
        server.query(null, "CREATE DATABASE " + q);
        server.query(null, "CREATE RETENTION POLICY downsampled ON " + q + " DURATION INF REPLICATION 1 SHARD DURATION 1w");
        String means = "SELECT mean(\"value\") AS \"value\" INTO " + q + ".\"downsampled\".\"reading\" FROM " + q
                + ".\"autogen\".\"reading\"";
        server.query(null, "CREATE CONTINUOUS QUERY means ON " + q + " BEGIN " + means + " GROUP BY time(1h), * END");

        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < INTEGERS.length; i++) {
            lines.append("reading,sensor=s").append(i % 2).append(" value=").append(INTEGERS[i]).append("i ").append(base + i * minute)
                    .append('\n');
        }
        lines.append("drift,k=a v=9007199254740993i 1000000000000000000\n");
        lines.append("drift,k=a v=-9223372036854775808i 1000000000000000001\n");
        lines.append("drift,k=a v=1.5 1600000000000000000\n");
        lines.append("drift,k=a v=2.0 1600000000000000001\n");
        lines.append("floats one=1.0,zero=0.0,negzero=-0.0,big=1e21,near=9007199254740993.0,tiny=4.9e-324,max=1.7976931348623157e308,"
                + "neg=-2.0,frac=0.1 ").append(base).append('\n');
        String measurement = "te\"xt\\ m\\,e=as\\ ☃";
        lines.append(measurement).append(",ta\\ g\\,k\\=ey=va\\ l\\,u\\=e\\\"q,hash=#not-a-comment,uni=é☃😀,same=tag ")
                .append("s=\"say \\\"hi\\\" \\\\ back\\\\slash\\t\tand\rcr é☃😀\",same=1i,yes=true,no=false ").append(base).append('\n');
        lines.append(measurement).append(",uni=é☃😀 s=\"ends with a backslash \\\\\",same=2i ").append(base + 1).append('\n');
        lines.append(measurement).append(",uni=é☃😀 s=\"\",yes=false ").append(base + 2).append('\n');
        lines.append("untagged a=1i ").append(base).append('\n');
        lines.append("untagged b=\"x\" ").append(base + 1).append('\n');
        lines.append("untagged a=2i,b=\"y\" ").append(base + 2).append('\n');
        lines.append("untagged c=true ").append(base + 3).append('\n');
        lines.append("mixed,host=a x=1i ").append(base).append('\n');
        lines.append("mixed,host=a y=2.0 ").append(base + 1).append('\n');
        lines.append("mixed,host=a x=3i,y=4.0 ").append(base + 2).append('\n');
        lines.append("mixed,host=b,zone=z x=5i ").append(base).append('\n');
        lines.append("mixed,zone=z y=6.0 ").append(base).append('\n');
        lines.append("edges,end=first v=1i ").append(MIN_TIME).append('\n');
        lines.append("edges,end=first v=2i ").append(MIN_TIME + 1).append('\n');
        lines.append("edges,end=first v=3i ").append(MIN_TIME + 145_224_194L).append('\n');
        lines.append("edges,end=last v=4i ").append(MAX_TIME - 1).append('\n');
        lines.append("edges,end=last v=5i ").append(MAX_TIME).append('\n');
        server.write(db, null, lines.toString());
        // what the continuous query writes each hour: float means beside the raw integers, under the same field name
        server.query(null, means + " WHERE time >= " + base + " AND time < " + (base + 3_600_000_000_000L) + " GROUP BY time(1h), *");
        server.write(db, "downsampled", "reading,sensor=s9 value=3.0 " + base + "\n");
    }
}
