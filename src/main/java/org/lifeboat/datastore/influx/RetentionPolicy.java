package org.lifeboat.datastore.influx;

/**
 * One retention policy as {@code SHOW RETENTION POLICIES} gives it, and the DDL that recreates it.
 * Durations keep InfluxDB's own form ({@code 168h0m0s}; {@code 0s} is infinite), which InfluxQL reads back.
 *
 * @param name its name
 * @param duration how long points are kept; {@code 0s} for ever
 * @param shardDuration the shard group duration
 * @param replication the replication factor
 * @param isDefault whether it is the database's default policy
 */
record RetentionPolicy(String name, String duration, String shardDuration, int replication, boolean isDefault) {

    /** {@code CREATE DATABASE} with this policy as its default one (so no {@code autogen} is made). */
    String createDatabase(String database) {
        return "CREATE DATABASE " + InfluxQl.identifier(database) + " WITH DURATION " + literal(duration) + " REPLICATION "
                + replication + " SHARD DURATION " + shardDuration + " NAME " + InfluxQl.identifier(name);
    }

    /** {@code CREATE RETENTION POLICY … ON database}, with {@code DEFAULT} if it is the default. */
    String create(String database) {
        return "CREATE RETENTION POLICY " + InfluxQl.identifier(name) + " ON " + InfluxQl.identifier(database) + " DURATION "
                + literal(duration) + " REPLICATION " + replication + " SHARD DURATION " + shardDuration
                + (isDefault ? " DEFAULT" : "");
    }

    /** The same policy keeping points for ever: for the scratch copy, where nothing may expire before it is checked. */
    RetentionPolicy keepingForever() {
        return new RetentionPolicy(name, "0s", shardDuration, replication, isDefault);
    }

    /** Whether points expire under this policy. */
    boolean expires() {
        return !"INF".equals(literal(duration));
    }

    /** The duration in nanoseconds ({@code 168h0m0s} → 604800000000000); 0 for infinite. */
    long durationNanos() {
        java.util.regex.Matcher part = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(h|m|s|ms|us|µs|ns)").matcher(duration);
        double nanos = 0;
        while (part.find()) {
            double value = Double.parseDouble(part.group(1));
            nanos += value * switch (part.group(2)) {
                case "h" -> 3_600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us", "µs" -> 1e3;
                default -> 1;
            };
        }
        return (long) nanos;
    }

    private static String literal(String duration) {
        return duration.matches("0+[a-zµ]*") ? "INF" : duration;
    }
}
