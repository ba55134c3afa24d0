package org.lifeboat.datastore.pgbackrest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

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
        Set<PosixFilePermission> permissions;
        List<String> lines;
        try {
            permissions = Files.getPosixFilePermissions(file);
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("unable to read the pgBackRest passphrase file '" + file + "': " + e.getMessage(), e);
        }
        for (PosixFilePermission open : List.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE)) {
            if (permissions.contains(open)) {
                throw new IOException("the pgBackRest passphrase file '" + file + "' is readable or writable by others: chmod 600 it");
            }
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new IOException("the pgBackRest passphrase file '" + file + "' is empty");
        }
        return lines.get(0).strip();
    }
}
