package org.lifeboat.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.lifeboat.process.ExternalProcess;
import org.lifeboat.process.ToolCommand;

/**
 * What sealing does on the file system of the backup server. A sealed set folder and everything
 * in it belong to the keeper user: folders {@code 2750}, files {@code 0440}, group unchanged (the
 * environment's readers). Since the environment folder is sticky and owned by the keeper,
 * production's account can then neither rename nor delete the set, nor write, truncate or change
 * anything in it; it can still read it. A sealed mirror folder belongs to the keeper too, sticky
 * ({@code 3750}) with an ACL entry that lets production's user add bodies (never rename or remove
 * another's), and each placed body is sealed like a set's file.
 *
 * <p>Needs to run as root or with {@code CAP_CHOWN}, {@code CAP_FOWNER} and
 * {@code CAP_DAC_OVERRIDE} (the systemd unit the playbook installs).
 */
final class SetSeal {

    static final int FOLDER_MODE = 02750;
    static final int FILE_MODE = 0440;
    static final int MIRROR_FOLDER_MODE = 03750;

    private final UserPrincipal keeper;
    private final String keeperName;
    private final String writer;

    /**
     * @param keeperUser the user sealed things belong to
     * @param writerUser production's SFTP user, given write access to sealed mirror folders
     */
    SetSeal(String keeperUser, String writerUser) throws IOException {
        this.keeper = Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(keeperUser);
        this.keeperName = keeperUser;
        this.writer = writerUser;
    }

    /** Whether {@code path} belongs to the keeper (not following a link). */
    boolean sealed(Path path) throws IOException {
        return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName().equals(keeperName);
    }

    /**
     * When {@code folder} was last changed: its inode change time, which a rename (the publish)
     * sets and production cannot set back (its account is denied {@code setstat}).
     */
    static Instant changed(Path folder) throws IOException {
        return ((FileTime) Files.getAttribute(folder, "unix:ctime", LinkOption.NOFOLLOW_LINKS)).toInstant();
    }

    /**
     * Seals a set folder and everything in it. The folder is taken first, so production can add
     * nothing to it while its contents are sealed; each sub-folder likewise before it is listed.
     */
    void sealSet(Path folder) throws IOException {
        take(folder, FOLDER_MODE);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (attributes.isDirectory()) {
                    sealSet(entry);
                } else if (attributes.isRegularFile()) {
                    take(entry, FILE_MODE);
                } else {
                    owner(entry).setOwner(keeper); // not written by Lifeboat (production cannot make links): owned, left as is
                }
            }
        }
    }

    /** Seals a mirror folder (or one of its sub-folders): the keeper's, sticky, production may add to it. */
    void sealMirrorFolder(Path folder) throws IOException {
        take(folder, MIRROR_FOLDER_MODE);
        // after the mode: on a folder with an ACL, chmod would set the ACL mask, not the group bits
        ExternalProcess.run(ToolCommand.of("setfacl on '" + folder + "'",
                List.of("setfacl", "-m", "u:" + writer + ":rwx", folder.toString()), Map.of()));
    }

    /** Seals one placed mirror body. */
    void sealBody(Path body) throws IOException {
        take(body, FILE_MODE);
    }

    private void take(Path path, int mode) throws IOException {
        owner(path).setOwner(keeper);
        Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    }

    private static PosixFileAttributeView owner(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    }
}
