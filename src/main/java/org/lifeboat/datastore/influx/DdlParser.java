package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back the retention-policy statements {@link DatabaseExport} writes (and only those):
 * {@code CREATE DATABASE "db" [WITH DURATION d REPLICATION n SHARD DURATION s NAME "rp"]} and
 * {@code CREATE RETENTION POLICY "rp" ON "db" DURATION d REPLICATION n SHARD DURATION s [DEFAULT]}.
 */
final class DdlParser {

    private DdlParser() {
    }

    /** The default policy a {@code CREATE DATABASE} line defines, or {@code null} if it defines none. */
    static RetentionPolicy createDatabase(String line) throws IOException {
        List<String> words = words(line);
        expect(line, words, 0, "CREATE", "DATABASE");
        if (words.size() == 3) {
            return null;
        }
        expect(line, words, 3, "WITH", "DURATION");
        expect(line, words, 6, "REPLICATION");
        expect(line, words, 8, "SHARD", "DURATION");
        expect(line, words, 11, "NAME");
        if (words.size() != 13) {
            throw unexpected(line);
        }
        return new RetentionPolicy(words.get(12), words.get(5), words.get(10), replication(line, words.get(7)), true);
    }

    static RetentionPolicy createRetentionPolicy(String line) throws IOException {
        List<String> words = words(line);
        expect(line, words, 0, "CREATE", "RETENTION", "POLICY");
        expect(line, words, 4, "ON");
        expect(line, words, 6, "DURATION");
        expect(line, words, 8, "REPLICATION");
        expect(line, words, 10, "SHARD", "DURATION");
        boolean isDefault = words.size() == 14 && words.get(13).equalsIgnoreCase("DEFAULT");
        if (words.size() != 13 && !isDefault) {
            throw unexpected(line);
        }
        return new RetentionPolicy(words.get(3), words.get(7), words.get(12), replication(line, words.get(9)), isDefault);
    }

    /** Words and quoted identifiers (unquoted, unescaped); {@code INF} stays {@code INF}. */
    private static List<String> words(String line) throws IOException {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                StringBuilder word = new StringBuilder();
                for (i++; i < line.length() && line.charAt(i) != '"'; i++) {
                    char d = line.charAt(i);
                    if (d == '\\' && i + 1 < line.length()) {
                        char e = line.charAt(++i);
                        word.append(e == 'n' ? '\n' : e);
                    } else {
                        word.append(d);
                    }
                }
                if (i >= line.length()) {
                    throw unexpected(line);
                }
                words.add(word.toString());
                i++;
            } else {
                int start = i;
                while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                words.add(line.substring(start, i));
            }
        }
        return words;
    }

    private static void expect(String line, List<String> words, int at, String... keywords) throws IOException {
        for (int k = 0; k < keywords.length; k++) {
            if (words.size() <= at + k || !words.get(at + k).equalsIgnoreCase(keywords[k])) {
                throw unexpected(line);
            }
        }
    }

    private static int replication(String line, String word) throws IOException {
        try {
            return Integer.parseInt(word);
        } catch (NumberFormatException e) {
            throw unexpected(line);
        }
    }

    private static IOException unexpected(String line) {
        return new IOException("unexpected DDL statement in the artifact: "
                + (line.length() > 200 ? line.substring(0, 200) + "…" : line));
    }
}
