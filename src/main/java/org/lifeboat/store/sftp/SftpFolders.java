package org.lifeboat.store.sftp;

import com.jcraft.jsch.SftpException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lifeboat.store.StoreErrors;

/**
 * Creates a store's folders and remembers which exist, so that writing many files into the same
 * folders (the MinIO mirror writes one file per object) does not stat or create them again. Only
 * this store's own deletes and renames are seen; a folder removed behind its back (retention on
 * the server) is forgotten when a write into it finds it missing ({@link #forget}).
 */
final class SftpFolders {

    private final SftpBackupStore store;
    /** Absolute remote paths known to be folders. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    SftpFolders(SftpBackupStore store) {
        this.store = store;
    }

    /** Creates the absolute remote folder {@code remote} and its missing parents; {@code folder} names it in errors. */
    void make(String remote, String folder) throws IOException {
        if (known.contains(remote)) {
            return;
        }
        String current = "";
        for (String segment : remote.substring(1).split("/")) {
            current = current + "/" + segment;
            if (!known.contains(current)) {
                makeOne(current, folder);
                known.add(current);
            }
        }
    }

    /** Forgets {@code remote} and every folder under it: deleted, renamed or found missing. */
    void forget(String remote) {
        known.removeIf(path -> path.equals(remote) || path.startsWith(remote + "/"));
    }

    /** Forgets every folder (the store is closed; what is known may be out of date when it reconnects). */
    void clear() {
        known.clear();
    }

    private void makeOne(String remote, String folder) throws IOException {
        String verb = "create folder";
        try {
            if (store.onChannel(verb, folder, channel -> channel.stat(remote)).isDir()) {
                return;
            }
            throw StoreErrors.exists(verb, folder, store.describe()); // a file is in the way
        } catch (SftpException e) {
            if (!SftpErrors.isMissing(e)) {
                throw SftpErrors.wrap(verb, folder, store.describe(), e);
            }
        }
        try {
            store.onChannel(verb, folder, channel -> {
                channel.mkdir(remote);
                return null;
            });
        } catch (SftpException e) {
            try {
                if (store.onChannel(verb, folder, channel -> channel.stat(remote)).isDir()) {
                    return; // created by someone else meanwhile: that is what we wanted
                }
            } catch (SftpException ignored) {
                // still missing: report the mkdir failure below, which says why
            }
            throw SftpErrors.wrap(verb, folder, store.describe(), e);
        }
    }
}
