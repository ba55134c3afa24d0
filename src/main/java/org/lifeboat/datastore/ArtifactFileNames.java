package org.lifeboat.datastore;

import java.nio.charset.StandardCharsets;

/**
 * The file name of an artifact for a thing whose name may hold any character (a database, a
 * bucket): letters, digits, {@code -} and {@code _} stay, every other byte of its UTF-8 form is
 * %-escaped, so the name is safe on every file system and reads back unambiguously.
 */
public final class ArtifactFileNames {

    private ArtifactFileNames() {
    }

    /** {@code my db} with suffix {@code .dump} → {@code my%20db.dump}. */
    public static String of(String name, String suffix) {
        StringBuilder file = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                file.append(c);
            } else {
                file.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return file + suffix;
    }
}
