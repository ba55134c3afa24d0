package org.lifeboat.datastore.postgres.pgbackrest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lifeboat.keys.KeyFilePermissions;

/**
 * The repository host's side of the generated files: reads the passphrase and uploads the repository host's pgbackrest.conf (0600, the only place the
 * passphrase is written), ssh_config and ssh wrapper into its {@code configDir}.
 */
final class RepositorySide {

    private RepositorySide() {
    }

    /**
     * Uploads the repository host's generated files (this host's are written first, by
     * {@link LocalFiles#write}, since the ssh wrapper is among them); the error names the host and the file.
     */
    static void upload(PgBackRestSettings settings, PgBackRestConfigFile files, PgBackRestCommands commands) throws IOException {
        String passphrase = readPassphrase(settings.cipherPassFile());
        String dir = settings.repository().configDir();
        commands.upload(files.remoteConfigPath(), files.remote(passphrase), "600");
        commands.upload(dir + "/ssh_config", PgBackRestConfigFile.sshConfig(settings.repository().remoteKeyFile(),
                settings.repository().remoteKnownHostsFile()), "644");
        commands.upload(dir + "/ssh", PgBackRestConfigFile.sshWrapper(dir + "/ssh_config"), "700");
    }

    /** The passphrase: the first line of a file nobody else may read. Never logged. */
    static String readPassphrase(Path file) throws IOException {
        List<String> lines;
        try {
            KeyFilePermissions.requireOwnerOnly(file);
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("unable to read the pgBackRest passphrase file '" + file + "': " + e.getMessage(), e);
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new IOException("the pgBackRest passphrase file '" + file + "' is empty");
        }
        return lines.get(0).strip();
    }
}
