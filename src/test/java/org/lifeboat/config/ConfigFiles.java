package org.lifeboat.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.lifeboat.ConfigException;

/** What the loader's tests do alike: write a configuration text to a file, and load one that must be refused. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    /** {@code yaml} in {@code lifeboat.yaml} of {@code dir} (a test's temporary folder); returns that file. */
    static Path write(Path dir, String yaml) throws IOException {
        Path file = dir.resolve("lifeboat.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** The message of the {@link ConfigException} that loading {@code file} throws; the test fails if it loads. */
    static String refusal(Path file) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of())).getMessage();
    }

    /** The loader refuses {@code yaml} (written to {@code dir}) with a message holding each of {@code parts}. */
    static void assertRefusedNaming(Path dir, String yaml, String... parts) throws IOException {
        String message = refusal(write(dir, yaml));
        for (String part : parts) {
            assertTrue(message.contains(part), message);
        }
    }
}
