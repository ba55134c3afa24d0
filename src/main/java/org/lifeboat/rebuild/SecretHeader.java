package org.lifeboat.rebuild;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An HTTP header whose value is a secret kept in a file, for example {@code Authorization} with
 * prefix {@code "Bearer "} or {@code X-Api-Key} with no prefix. Never logged.
 *
 * @param name the header's name
 * @param valuePrefix put before the file's first line ({@code ""} for none)
 * @param file a file only its owner may read, the secret on its first line
 */
public record SecretHeader(String name, String valuePrefix, Path file) {

    public SecretHeader {
        Objects.requireNonNull(name, "name");
        valuePrefix = valuePrefix == null ? "" : valuePrefix;
        Objects.requireNonNull(file, "file");
    }

    /** The header's value, read now. */
    public String value() throws IOException {
        return valuePrefix + SecretFiles.firstLine(file);
    }

    /** The header's name and file, never the secret. */
    @Override
    public String toString() {
        return name + " from '" + file + "'";
    }
}
