package org.lifeboat.datastore.influx;

/** Quoting for InfluxQL statements. */
final class InfluxQl {

    private InfluxQl() {
    }

    /** A double-quoted identifier: {@code my "db"} → {@code "my \"db\""}. */
    static String identifier(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** {@code "rp"."measurement"}: also the key of a measurement's count in the manifest. */
    static String qualified(String rp, String measurement) {
        return identifier(rp) + "." + identifier(measurement);
    }
}
