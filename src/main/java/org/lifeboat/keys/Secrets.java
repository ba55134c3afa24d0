package org.lifeboat.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.lifeboat.ConfigException;

/**
 * The one place that reads passwords and secret keys named by the configuration: from a file
 * nobody else may read, or from a named environment variable. A secret is never logged and never
 * part of a message; the messages name the setting and the file or variable.
 */
public final class Secrets {

    private final Map<String, String> env;

    /** Secrets whose {@code *-env} settings are looked up in {@code env}. */
    public Secrets(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /**
     * The secret of {@code setting} (for example {@code lifeboat.datastores.postgres.password}):
     * the stripped content of {@code file} (which must be 0600), else the value of the variable
     * {@code envName}, else empty when neither is configured.
     *
     * @param fileKey the configuration key of {@code file}, for messages
     * @param envKey the configuration key of {@code envName}, for messages
     * @throws ConfigException naming the key when the file or variable is missing, unreadable or
     *     open to others
     */
    public Optional<String> read(String fileKey, Optional<Path> file, String envKey, Optional<String> envName) {
        if (file.isPresent()) {
            if (!Files.exists(file.get())) {
                throw new ConfigException(fileKey + ": '" + file.get() + "' does not exist");
            }
            try {
                KeyFilePermissions.requireOwnerOnly(file.get());
                return Optional.of(Files.readString(file.get()).strip());
            } catch (IOException e) {
                throw new ConfigException(fileKey + ": " + e.getMessage(), e);
            }
        }
        if (envName.isPresent()) {
            String value = env.get(envName.get());
            if (value == null) {
                throw new ConfigException(envKey + ": environment variable " + envName.get() + " is not set");
            }
            return Optional.of(value);
        }
        return Optional.empty();
    }
}
