package org.lifeboat.rebuild;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.lifeboat.keys.KeyFilePermissions;

/**
 * Reads a secret (password, API key, token request body) from a file that only its owner may read.
 * A step reads its secrets when it runs, so a rotated secret applies from the next run on. The
 * content is never part of a message.
 */
public final class SecretFiles {

    private SecretFiles() {
    }

    /** The first line of {@code file}, stripped; refused if the file is missing, empty or open to group or others. */
    public static String firstLine(Path file) throws IOException {
        List<String> lines = readChecked(file).lines().toList();
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new IOException("'" + file + "' is empty; it should hold the secret on its first line");
        }
        return lines.get(0).strip();
    }

    /** The whole content of {@code file} (for example a JSON body), refused like {@link #firstLine}. */
    public static String content(Path file) throws IOException {
        String content = readChecked(file);
        if (content.isBlank()) {
            throw new IOException("'" + file + "' is empty");
        }
        return content;
    }

    private static String readChecked(Path file) throws IOException {
        try {
            KeyFilePermissions.requireOwnerOnly(file);
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("secret file '" + file + "' does not exist", e);
        }
    }
}
