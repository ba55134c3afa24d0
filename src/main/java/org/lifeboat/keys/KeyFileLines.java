package org.lifeboat.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The lines of an age key file that carry a key: blank lines and {@code #} comments dropped. */
final class KeyFileLines {

    /** A trimmed content line and its 1-based number in the file. */
    record Line(int number, String text) {

        /** True if this line looks like an age identity, whatever its case: a secret. */
        boolean isIdentity() {
            return text.toUpperCase(Locale.ROOT).startsWith(AgeIdentity.PREFIX);
        }
    }

    private KeyFileLines() {
    }

    /** The text of key file {@code file}; {@code what} names it in the error ("age identity file"). */
    static String read(Path file, String what) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("unable to read " + what + " '" + file + "'", e);
        }
    }

    static List<Line> of(String text) {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                lines.add(new Line(i + 1, line));
            }
        }
        return lines;
    }
}
