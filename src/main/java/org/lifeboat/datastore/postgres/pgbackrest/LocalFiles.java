package org.lifeboat.datastore.postgres.pgbackrest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;

/**
 * The files Lifeboat keeps on the database host under {@code workDir}: pgbackrest.conf, the ssh
 * wrapper and its ssh_config (no secrets: readable by the cluster's OS user, which runs
 * {@code archive_command}), and that user's own log and lock folders.
 */
final class LocalFiles {

    private LocalFiles() {
    }

    static Path config(PgBackRestSettings settings) {
        return settings.workDir().resolve("pgbackrest.conf");
    }

    static Path sshWrapper(PgBackRestSettings settings) {
        return settings.workDir().resolve("ssh");
    }

    static Path sshConfig(PgBackRestSettings settings) {
        return settings.workDir().resolve("ssh_config");
    }

    /** The cluster OS user's own folder: its pgBackRest {@code log/} and {@code lock/}. */
    static Path userDir(PgBackRestSettings settings) {
        return settings.workDir().resolve(settings.cluster().osUser());
    }

    /** Writes every file (each by temp name and rename), creating the folders. */
    static void write(PgBackRestSettings settings, PgBackRestConfigFile files) throws IOException {
        Path dir = settings.workDir();
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path user = userDir(settings);
            for (Path sub : new Path[] {user, user.resolve("log"), user.resolve("lock")}) {
                Files.createDirectories(sub);
                Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwx------"));
                chown(sub, settings.cluster().osUser());
            }
            replace(config(settings), files.local(), "rw-r--r--");
            replace(sshConfig(settings), PgBackRestConfigFile.sshConfig(settings.repository().keyFile().toString(),
                    settings.repository().knownHostsFile().toString()), "rw-r--r--");
            replace(sshWrapper(settings), PgBackRestConfigFile.sshWrapper(sshConfig(settings).toString()), "rwxr-xr-x");
        } catch (IOException e) {
            throw new IOException("unable to write the pgBackRest files in '" + dir + "': " + e.getMessage(), e);
        }
    }

    private static void replace(Path file, String text, String mode) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(mode));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Gives {@code path} to {@code user}, when Lifeboat runs as root; otherwise it is already ours. */
    static void chown(Path path, String user) throws IOException {
        if (!PgBackRestCommands.runningAsRoot()) {
            return;
        }
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(path, users.lookupPrincipalByName(user));
    }
}
