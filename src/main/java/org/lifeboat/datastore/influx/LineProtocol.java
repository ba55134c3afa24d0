package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * InfluxDB 1.x line protocol: {@code measurement[,tag=value…] field=value[,…] timestamp}. The
 * measurement escapes commas and spaces; tag keys, tag values and field keys also escape
 * {@code =}; string fields are double-quoted with {@code "} and {@code \} escaped. Each field is
 * written in the type InfluxDB stores it with ({@link FieldTypes}): {@code 12i} integer,
 * {@code 12u} unsigned, {@code 12.0} float (Java's exact round-trip form), {@code "12"} string,
 * {@code true} boolean; the timestamp in exact nanoseconds. A name line protocol cannot carry
 * (a newline in it, a backslash at its end, a measurement starting with {@code #}, which every
 * reader takes for a comment) fails the export rather than being written wrong.
 */
final class LineProtocol {

    private LineProtocol() {
    }

    /** {@code measurement,tag=value,…} with the tags sorted by key and empty values left out (InfluxDB stores none). */
    static String seriesKey(String measurement, Map<String, String> tags) throws IOException {
        if (measurement.startsWith("#")) {
            throw unwritable("measurement", measurement, "it starts with '#', which line protocol reads as a comment");
        }
        StringBuilder key = new StringBuilder(name("measurement", measurement, false));
        if (tags != null) {
            for (Map.Entry<String, String> tag : new TreeMap<>(tags).entrySet()) {
                if (tag.getValue() != null && !tag.getValue().isEmpty()) {
                    key.append(',').append(name("tag key", tag.getKey(), true)).append('=')
                            .append(name("tag value", tag.getValue(), true));
                }
            }
        }
        return key.toString();
    }

    /**
     * The line of one row ({@code time} first, then the fields named by {@code columns}), or
     * {@code null} if the row has no field value.
     */
    static String line(String seriesKey, List<String> columns, List<Object> row, FieldTypes types) throws IOException {
        StringBuilder line = new StringBuilder(seriesKey.length() + 16 * columns.size() + 20).append(seriesKey);
        char separator = ' ';
        for (int i = 1; i < columns.size(); i++) {
            Object value = row.get(i);
            if (value == null) {
                continue;
            }
            String field = columns.get(i);
            line.append(separator).append(name("field key", field, true)).append('=');
            appendValue(line, value, types.lineType(field, value));
            separator = ',';
        }
        if (separator == ' ') {
            return null;
        }
        return line.append(' ').append((long) (Long) row.get(0)).toString();
    }

    private static void appendValue(StringBuilder line, Object value, String type) {
        switch (type) {
            case "float" -> line.append(Double.toString((Double) value));
            case "integer" -> line.append((long) (Long) value).append('i');
            case "unsigned" -> line.append(value).append('u');
            case "string" -> line.append('"').append(((String) value).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            default -> line.append((boolean) (Boolean) value);
        }
    }

    private static String name(String what, String text, boolean equalsToo) throws IOException {
        if (text.indexOf('\n') >= 0) {
            throw unwritable(what, text, "it holds a newline");
        }
        if (text.endsWith("\\")) {
            throw unwritable(what, text, "it ends with a backslash");
        }
        return escape(text, equalsToo);
    }

    private static IOException unwritable(String what, String text, String why) {
        return new IOException("the " + what + " '" + text.replace("\n", "\\n") + "' cannot be written as line protocol: " + why
                + " (leave it out with exclude-measurements)");
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
