package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits a line-protocol file into records the way InfluxDB's own parser does: a newline ends a
 * record unless it is inside a quoted string field, so a string holding a newline stays one
 * point. A line starting with {@code #} is a comment or context line. A backslash escapes the next
 * character. Before the {@code # DML} line (the DDL section, InfluxQL statements) every newline
 * ends a line. The caller owns {@code in}; this reader never closes it.
 */
final class LineProtocolReader {

    private final Reader in;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private boolean dml;

    LineProtocolReader(Reader in) {
        this.in = in;
    }

    /** The next record without its final newline, or {@code null} at the end. */
    String next() throws IOException {
        StringBuilder record = new StringBuilder(128);
        boolean comment = false;
        boolean fields = false;
        boolean quoted = false;
        int equals = 0;
        boolean escaped = false;
        int c;
        while ((c = read()) >= 0) {
            if (record.isEmpty() && (c == '#' || !dml)) {
                comment = true;
            }
            if (c == '\n' && !quoted && !escaped) {
                dml = dml || (comment && record.toString().startsWith("# DML"));
                return record.toString();
            }
            record.append((char) c);
            if (comment) {
                continue;
            }
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ' ') {
                fields = true;
            } else if (fields && !quoted && c == '=') {
                equals++;
            } else if (fields && c == '"' && equals > 0) {
                quoted = !quoted;
            }
        }
        return record.isEmpty() ? null : record.toString();
    }

    private int read() throws IOException {
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++];
    }
}
