package org.lifeboat.store.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.ChannelSftp.LsEntry;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import java.io.IOException;
import org.lifeboat.store.StoreErrors;

/** The SFTP moves that must never replace, and the recursive delete. */
final class SftpPublish {

    private SftpPublish() {
    }

    /**
     * Moves a file without ever replacing {@code toRemote}: the protocol's own rename
     * ({@link SpecRename}), which fails if the target exists; OpenSSH does it as {@code link(2)}
     * then {@code unlink(2)}, so there is no window. It needs no {@code remove} or
     * {@code hardlink} request, which an append-only account is denied.
     */
    static void file(SftpBackupStore store, ChannelSftp channel, String fromRemote, String toRemote, String path)
            throws IOException {
        try {
            channel.rename(fromRemote, toRemote);
        } catch (SftpException e) {
            throw refused(store, channel, toRemote, path, e);
        }
    }

    /** Renames a folder, refusing an existing target (checked first: rename(2) replaces an empty folder). */
    static void renameFolder(SftpBackupStore store, ChannelSftp channel, String fromRemote, String toRemote, String path)
            throws IOException {
        renameIfAbsent(store, channel, fromRemote, toRemote, path);
    }

    private static void renameIfAbsent(SftpBackupStore store, ChannelSftp channel, String fromRemote, String toRemote,
            String path) throws IOException {
        if (exists(store, channel, toRemote, path)) {
            throw StoreErrors.exists("publish", path, store.describe());
        }
        try {
            channel.rename(fromRemote, toRemote);
        } catch (SftpException e) {
            throw refused(store, channel, toRemote, path, e);
        }
    }

    /** A failed link or rename: "already exists" if the target is there now, else the server's reason. */
    private static IOException refused(SftpBackupStore store, ChannelSftp channel, String toRemote, String path,
            SftpException e) throws IOException {
        if (!SftpErrors.isMissing(e) && exists(store, channel, toRemote, path)) {
            IOException exists = StoreErrors.exists("publish", path, store.describe());
            exists.initCause(e);
            return exists;
        }
        return SftpErrors.wrap("publish", path, store.describe(), e);
    }

    private static boolean exists(SftpBackupStore store, ChannelSftp channel, String remote, String path)
            throws IOException {
        try {
            channel.lstat(remote);
            return true;
        } catch (SftpException e) {
            if (SftpErrors.isMissing(e)) {
                return false;
            }
            throw SftpErrors.wrap("stat", path, store.describe(), e);
        }
    }

    /**
     * Deletes a file, or a folder and everything in it (symbolic links are removed, not followed).
     * Each request is its own call, so a large tree that keeps answering never stalls.
     */
    static void deleteTree(SftpBackupStore store, String remote, String path) throws IOException {
        String verb = "delete";
        try {
            SftpATTRS attributes;
            try {
                attributes = store.onChannel(verb, path, channel -> channel.lstat(remote));
            } catch (SftpException e) {
                if (SftpErrors.isMissing(e)) {
                    return; // already gone: a delete may be repeated
                }
                throw e;
            }
            if (!attributes.isDir()) {
                store.onChannel(verb, path, channel -> {
                    channel.rm(remote);
                    return null;
                });
                return;
            }
            for (Object item : store.onChannel(verb, path, channel -> channel.ls(remote))) {
                String name = ((LsEntry) item).getFilename();
                if (!name.equals(".") && !name.equals("..")) {
                    // a name with * or ? (not written by this store) would be globbed by JSch: rm
                    // then matches only itself, or rmdir fails loudly on a folder left non-empty
                    deleteTree(store, remote + "/" + name, path + "/" + name);
                }
            }
            store.onChannel(verb, path, channel -> {
                channel.rmdir(remote);
                return null;
            });
        } catch (SftpException e) {
            throw SftpErrors.wrap(verb, path, store.describe(), e);
        }
    }
}
