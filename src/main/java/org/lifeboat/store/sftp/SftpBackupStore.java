package org.lifeboat.store.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.ChannelSftp.LsEntry;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import com.jcraft.jsch.SftpStatVFS;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.lifeboat.Sizes;
import org.lifeboat.store.AtomicWrite;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.StoreEntry;
import org.lifeboat.store.StoreErrors;
import org.lifeboat.store.StorePaths;

/**
 * A {@link BackupStore} on an SSH server over SFTP. Connects on first use with the pinned host
 * key and the private key of {@link SftpSettings}, keeps one session (reconnecting if it drops)
 * with a pool of open SFTP channels: each call or open stream has one to itself, so threads may use
 * the store at once (at most OpenSSH's MaxSessions, 10 by default, streams open together). Every
 * SFTP call fails after {@link SftpSettings#stallTimeout()} without an answer. Folders known to
 * exist are not asked about again ({@link SftpFolders}).
 *
 * <p>Publishing a file (commit, rename of a file) is the protocol's own rename, which fails if the
 * target exists (OpenSSH: link then unlink, no window), never {@code posix-rename@openssh.com},
 * which replaces ({@link SpecRename}). A rename of a folder checks the target first (OpenSSH
 * checks again) and has a small window. Writes need no {@code remove}, {@code hardlink} or
 * {@code setstat} request, so they work for an append-only account that is denied those.
 */
public final class SftpBackupStore implements BackupStore {

    private final SftpSettings settings;
    private final SftpConnection connection;
    private final SftpFolders folders = new SftpFolders(this);

    /** A store on {@code settings}; nothing is contacted until the first call. */
    public SftpBackupStore(SftpSettings settings) {
        this.settings = settings;
        this.connection = new SftpConnection(settings);
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    /**
     * The absolute remote path of a store path. JSch expands {@code *} and {@code ?} as globs in
     * some calls and not in others (mkdir), so such paths are refused rather than half-escaped.
     */
    private String remote(String path) throws IOException {
        checkNoWildcards(path);
        String root = connection.root();
        return path.isEmpty() ? root : root + "/" + path;
    }

    private static String checkNoWildcards(String path) {
        if (StorePaths.check(path).indexOf('*') >= 0 || path.indexOf('?') >= 0) {
            throw new IllegalArgumentException("store path '" + path + "' contains * or ?, which the SFTP store "
                    + "does not support (JSch treats them as wildcards)");
        }
        return path;
    }

    /** {@inheritDoc} The upload streams on a pooled SFTP channel; nothing is held in memory. */
    @Override
    public AtomicWrite write(String path) throws IOException {
        checkNoWildcards(StorePaths.checkEntry(path));
        String parent = StorePaths.parent(path);
        makeFolders(parent);
        String target = remote(path);
        String temporary = remote(StorePaths.join(parent, StorePaths.temporaryName(StorePaths.name(path))));
        try {
            return openWrite(path, temporary, target);
        } catch (NoSuchFileException gone) {
            // the folder was known to exist but has been removed behind this store's back: make it again
            folders.forget(remote(parent));
            makeFolders(parent);
            return openWrite(path, temporary, target);
        }
    }

    private AtomicWrite openWrite(String path, String temporary, String target) throws IOException {
        SftpChannel lane = borrow("write", path);
        return opening(lane, "write", path, () -> new SftpAtomicWrite(this, connection, lane, path, temporary, target));
    }

    /** {@inheritDoc} The returned stream reads ahead on a pooled SFTP channel, given back on close. */
    @Override
    public InputStream read(String path) throws IOException {
        String remote = remote(StorePaths.checkEntry(path));
        SftpChannel lane = borrow("read", path);
        return opening(lane, "read", path, () -> {
            if (lane.call(channel -> channel.stat(remote)).isDir()) {
                throw StoreErrors.missing("read", path, describe());
            }
            return new SftpInputStream(lane.call(channel -> channel.get(remote)), connection, lane, path, describe());
        });
    }

    /** What opens a stream on a borrowed channel. */
    private interface Opening<T> {
        T open() throws IOException, SftpException;
    }

    /** Opens a stream on {@code lane}; if that fails, gives the channel back and names the path. */
    private <T> T opening(SftpChannel lane, String verb, String path, Opening<T> opening) throws IOException {
        try {
            return opening.open();
        } catch (SftpException e) {
            connection.release(lane);
            throw SftpErrors.wrap(verb, path, describe(), e);
        } catch (IOException e) {
            connection.release(lane);
            throw SftpErrors.stalled(verb, path, describe(), e);
        } catch (RuntimeException e) {
            connection.release(lane);
            throw e;
        }
    }

    /** A pooled channel for a stream ({@link SftpConnection#borrow}); a stall while opening it names the path. */
    private SftpChannel borrow(String verb, String path) throws IOException {
        try {
            return connection.borrow();
        } catch (IOException e) {
            throw SftpErrors.stalled(verb, path, describe(), e);
        }
    }

    @Override
    public List<StoreEntry> list(String folder) throws IOException {
        String remote = remote(folder);
        List<StoreEntry> entries = new ArrayList<>();
        try {
            for (Object item : onChannel("list", folder, channel -> channel.ls(remote))) {
                LsEntry child = (LsEntry) item;
                String name = child.getFilename();
                if (!name.equals(".") && !name.equals("..") && !StorePaths.isTemporary(name)) {
                    entries.add(entry(name, child.getAttrs()));
                }
            }
        } catch (SftpException e) {
            if (SftpErrors.isMissing(e)) {
                return List.of();
            }
            throw SftpErrors.wrap("list", folder, describe(), e);
        }
        entries.sort(Comparator.comparing(StoreEntry::name));
        return entries;
    }

    /**
     * Runs {@code call} on a pooled channel ({@link SftpConnection#call}); a stalled call is given
     * the action, path and store here, while an SFTP status is left to the caller, which knows
     * what "missing" means for it.
     */
    <T> T onChannel(String verb, String path, SftpChannel.Call<T> call) throws IOException, SftpException {
        try {
            return connection.call(call);
        } catch (IOException e) {
            throw SftpErrors.stalled(verb, path, describe(), e);
        }
    }

    private static StoreEntry entry(String name, SftpATTRS attributes) {
        boolean folder = attributes.isDir();
        return new StoreEntry(name, folder, folder ? 0 : attributes.getSize(),
                Instant.ofEpochSecond(Integer.toUnsignedLong(attributes.getMTime())));
    }

    @Override
    public Optional<StoreEntry> stat(String path) throws IOException {
        String remote = remote(path);
        try {
            SftpATTRS attributes = onChannel("stat", path, channel -> channel.stat(remote));
            return Optional.of(entry(path.isEmpty() ? "" : StorePaths.name(path), attributes));
        } catch (SftpException e) {
            if (SftpErrors.isMissing(e)) {
                return Optional.empty();
            }
            throw SftpErrors.wrap("stat", path, describe(), e);
        }
    }

    /** {@inheritDoc} The store root itself is created too if missing; folders known to exist are not asked about again. */
    @Override
    public void makeFolders(String folder) throws IOException {
        folders.make(remote(checkNoWildcards(folder)), folder);
    }

    /** {@inheritDoc} Missing parent folders of {@code to} are created. */
    @Override
    public void rename(String from, String to) throws IOException {
        checkNoWildcards(StorePaths.checkEntry(from));
        checkNoWildcards(StorePaths.checkEntry(to));
        Optional<StoreEntry> source = stat(from);
        if (source.isEmpty()) {
            throw StoreErrors.missing("rename", from, describe());
        }
        makeFolders(StorePaths.parent(to));
        String fromRemote = remote(from);
        String toRemote = remote(to);
        try {
            if (source.get().folder()) {
                folders.forget(fromRemote);
            }
            onChannel("rename", to, channel -> {
                if (source.get().folder()) {
                    SftpPublish.renameFolder(this, channel, fromRemote, toRemote, to);
                } else {
                    publish(channel, fromRemote, toRemote, to);
                }
                return null;
            });
        } catch (SftpException e) {
            throw new IllegalStateException(e); // not reached: SftpPublish turns every status into an IOException
        }
    }

    /** Moves the file {@code fromRemote} to {@code toRemote}, never replacing ({@link SftpPublish}). */
    void publish(ChannelSftp channel, String fromRemote, String toRemote, String path) throws IOException {
        SftpPublish.file(this, channel, fromRemote, toRemote, path);
    }

    @Override
    public void delete(String path) throws IOException {
        String remote = remote(StorePaths.checkEntry(path));
        folders.forget(remote);
        SftpPublish.deleteTree(this, remote, path);
    }

    /** {@inheritDoc} Uses {@code statvfs@openssh.com}; -1 if the server does not offer it. */
    @Override
    public long freeBytes() throws IOException {
        String remote = remote("");
        String verb = "measure free space at";
        try {
            SftpStatVFS vfs = onChannel(verb, "", channel -> channel.statVFS(remote));
            return vfs.getAvailBlocks() * vfs.getFragmentSize(); // JSch's getAvail*() are in KiB
        } catch (SftpException e) {
            if (SftpErrors.isUnsupported(e)) {
                return -1;
            }
            throw SftpErrors.wrap(verb, "", describe(), e);
        }
    }

    /** Less free space than this after a failed write means the server's disk is full. */
    private static final long FULL_BELOW_BYTES = 1L << 20;

    /**
     * A failed write's exception, saying "no space left on the backup server" (with the free
     * space) when the server's file system is full: SFTP itself reports only a generic failure.
     */
    IOException writeFailure(String path, IOException failure) {
        if (failure.getCause() instanceof ChannelThread.StalledException) {
            return failure; // a silent server is not a full one, and may not answer the question either
        }
        long free;
        String at;
        try {
            free = freeBytes();
            at = remote("");
        } catch (IOException e) {
            return failure; // the server is gone too: the failure says what happened
        }
        if (free < 0 || free >= FULL_BELOW_BYTES) {
            return failure;
        }
        return new IOException(StoreErrors.unable("write", path, describe()) + ": no space left on the backup server ("
                + Sizes.bytes(free) + " free at '" + at + "'); the server said: " + failure.getMessage(), failure);
    }

    /** Removes a failed upload's temporary file on the store's own channel; a failure leaves a name never listed. */
    void removeLeftover(String remoteTemporary) {
        try {
            connection.call(channel -> {
                channel.rm(remoteTemporary);
                return null;
            });
        } catch (IOException | SftpException e) {
            // the connection is gone: the temporary name is never listed, and deleting its folder removes it
        }
    }

    /** Disconnects; streams still open fail on their next call. Calls after close reconnect. */
    @Override
    public void close() {
        folders.clear();
        connection.disconnect();
    }
}
