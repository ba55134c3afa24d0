package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;

/**
 * The field types of one measurement in one retention policy, as {@code SHOW FIELD KEYS FROM
 * "rp"."measurement"} lists them: one per field, or several when shards disagree (InfluxDB keeps
 * a field's type per shard). A query that reads two shards where a field has two types gets
 * every value cast to the float one, so {@link PointScan} reads one shard group at a time; then
 * each value arrives in the type it is stored with, which {@link #lineType} checks against this list.
 *
 * @param where {@code "rp"."measurement"}, for messages
 * @param types field → its types ({@code float}, {@code integer}, {@code unsigned}, {@code string}, {@code boolean})
 */
record FieldTypes(String where, Map<String, Set<String>> types) {

    static FieldTypes none(String where) {
        return new FieldTypes(where, Map.of());
    }

    /** Whether some field has more than one type (in different shards). */
    boolean mixed() {
        return types.values().stream().anyMatch(t -> t.size() > 1);
    }

    /**
     * The line-protocol type of {@code value} (as {@link MessagePackAnswer} read it) of
     * {@code field}: the value's own type, which must be one the server lists for the field (a
     * field added since the list was read is taken as it comes). A value from 0 to 127 of a field
     * stored only as unsigned is unsigned (MessagePack writes small numbers alike); a field both
     * integer and unsigned cannot be told apart in that range and fails.
     *
     * @throws IOException if the value's type is not one the field is stored with (the server cast it)
     */
    String lineType(String field, Object value) throws IOException {
        Set<String> stored = types.get(field);
        String kind;
        if (value instanceof Double) {
            kind = "float";
        } else if (value instanceof Long l) {
            kind = "integer";
            if (stored != null && !stored.contains("integer") && stored.contains("unsigned") && l >= 0 && l <= 127) {
                kind = "unsigned";
            } else if (stored != null && stored.contains("integer") && stored.contains("unsigned") && l >= 0 && l <= 127) {
                throw new IOException("field '" + field + "' of " + where + " is integer in some shards and unsigned in others;"
                        + " its value " + l + " cannot be told apart");
            }
        } else if (value instanceof BigInteger) {
            kind = "unsigned";
        } else if (value instanceof String) {
            kind = "string";
        } else if (value instanceof Boolean) {
            kind = "boolean";
        } else {
            throw new IOException("field '" + field + "' of " + where + " has a value of unknown type: " + value);
        }
        if (stored != null && !stored.contains(kind)) {
            throw new IOException("field '" + field + "' of " + where + " came back as " + kind + " but is stored as "
                    + String.join(" and ", stored) + ": the server converted it");
        }
        return kind;
    }
}
