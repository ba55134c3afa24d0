package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * InfluxDB 1.x line protocol: {@code measurement[,tag=value…] field=value[,…] timestamp}. The
 * measurement escapes commas and spaces; tag keys, tag values and field keys also escape
 * {@code =}; string fields are double-quoted with {@code "} and {@code \} escaped. Each field is
 * written in the type InfluxDB stores it with: {@code 12i} integer, {@code 12u} unsigned,
 * {@code 12.0} float (Java's shortest exact form), {@code "12"} string, {@code true} boolean.
 */
final class LineProtocol {

    private LineProtocol() {
    }

    /** {@code measurement,tag=value,…} with the tags sorted by key and empty values left out (InfluxDB stores none). */
    static String seriesKey(String measurement, Map<String, String> tags) {
        StringBuilder key = new StringBuilder(escape(measurement, false));
        if (tags != null) {
            for (Map.Entry<String, String> tag : new TreeMap<>(tags).entrySet()) {
                if (tag.getValue() != null && !tag.getValue().isEmpty()) {
                    key.append(',').append(escape(tag.getKey(), true)).append('=').append(escape(tag.getValue(), true));
                }
            }
        }
        return key.toString();
    }

    /**
     * The line of one row ({@code time} first, then the fields named by {@code columns}), or
     * {@code null} if the row has no field value.
     *
     * @param types field → its types from {@code SHOW FIELD KEYS}; a field with exactly one type is written in it
     */
    static String line(String seriesKey, List<String> columns, List<Object> row, Map<String, Set<String>> types)
            throws IOException {
        StringBuilder line = new StringBuilder(seriesKey.length() + 16 * columns.size() + 20).append(seriesKey);
        char separator = ' ';
        for (int i = 1; i < columns.size(); i++) {
            Object value = row.get(i);
            if (value == null) {
                continue;
            }
            String field = columns.get(i);
            line.append(separator).append(escape(field, true)).append('=');
            Set<String> fieldTypes = types.get(field);
            appendValue(line, value, fieldTypes != null && fieldTypes.size() == 1 ? fieldTypes.iterator().next() : null, field);
            separator = ',';
        }
        if (separator == ' ') {
            return null;
        }
        return line.append(' ').append(((Number) row.get(0)).longValue()).toString();
    }

    private static void appendValue(StringBuilder line, Object value, String type, String field) throws IOException {
        String kind = type != null ? type : inferred(value);
        switch (kind) {
            case "float" -> line.append(Double.toString(((Number) value).doubleValue()));
            case "integer" -> line.append(integral(value, field)).append('i');
            case "unsigned" -> line.append(unsigned(value, field)).append('u');
            case "string" -> line.append('"').append(String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            case "boolean" -> line.append(value instanceof Boolean b ? b.toString() : Boolean.parseBoolean(String.valueOf(value)));
            default -> throw new IOException("field '" + field + "' has the unknown type '" + kind + "'");
        }
    }

    /** The type of a value as MessagePack delivered it: used only when InfluxDB records more than one type for a field. */
    private static String inferred(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return "float";
        }
        if (value instanceof BigInteger) {
            return "unsigned";
        }
        if (value instanceof Number) {
            return "integer";
        }
        return value instanceof Boolean ? "boolean" : "string";
    }

    private static String integral(Object value, String field) throws IOException {
        if (value instanceof Double d) {
            if (d != Math.rint(d) || Math.abs(d) >= 0x1p63) {
                throw new IOException("integer field '" + field + "' came back as the non-integral value " + d);
            }
            return Long.toString(d.longValue());
        }
        return value.toString();
    }

    private static String unsigned(Object value, String field) throws IOException {
        if (value instanceof Long l) {
            return Long.toUnsignedString(l);
        }
        return integral(value, field);
    }

    /** Escapes commas and spaces, and for keys and tag values also {@code =}. */
    static String escape(String text, boolean equalsToo) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == ' ' || (equalsToo && c == '=')) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append('\\');
            }
            if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
