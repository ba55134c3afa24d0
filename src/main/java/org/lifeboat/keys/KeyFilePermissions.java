package org.lifeboat.keys;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** The one place that decides whether a secret file is private enough, and creates private files. */
public final class KeyFilePermissions {

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private KeyFilePermissions() {
    }

    /**
     * Refuses {@code file} if its POSIX permissions give group or others any access.
     *
     * @throws IOException naming the file and telling to {@code chmod 600} it; also when the file
     *     system has no POSIX permissions, since then nothing can be promised about the secret
     */
    public static void requireOwnerOnly(Path file) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "'" + file + "' does not exist");
        } catch (UnsupportedOperationException e) {
            throw new IOException("unable to check the permissions of '" + file
                    + "': the file system has no POSIX permissions", e);
        }
        for (PosixFilePermission permission : permissions) {
            if (!permission.name().startsWith("OWNER_")) {
                throw new IOException("'" + file + "' is accessible by group or others (mode "
                        + PosixFilePermissions.toString(permissions) + "); it holds a secret: run chmod 600 '"
                        + file + "'");
            }
        }
    }

    /**
     * Creates {@code file} with mode 0600 from the start (never a moment with wider access) and
     * writes {@code content} to it.
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists: it is never overwritten
     */
    public static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        Files.createFile(file, mode);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(content);
        }
    }
}
