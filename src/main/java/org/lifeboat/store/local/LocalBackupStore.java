package org.lifeboat.store.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.lifeboat.store.AtomicWrite;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.StoreEntry;
import org.lifeboat.store.StoreErrors;
import org.lifeboat.store.StorePaths;

/**
 * A {@link BackupStore} in a local folder. The root and any missing folders are created on the
 * first write. Safe for use from several threads (each call works on the file system alone).
 */
public final class LocalBackupStore implements BackupStore {

    private final Path root;

    /** A store whose root is {@code root}; nothing is created until the first write. */
    public LocalBackupStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String describe() {
        return "file://" + root;
    }

    Path resolve(String path) {
        return StorePaths.check(path).isEmpty() ? root : root.resolve(path);
    }

    @Override
    public AtomicWrite write(String path) throws IOException {
        Path target = resolve(StorePaths.checkEntry(path));
        try {
            Files.createDirectories(target.getParent());
            return LocalAtomicWrite.open(target, path, describe());
        } catch (IOException e) {
            throw StoreErrors.wrap("write", path, describe(), e);
        }
    }

    /** {@inheritDoc} The caller owns the returned stream and must close it. */
    @Override
    public InputStream read(String path) throws IOException {
        Path file = resolve(StorePaths.checkEntry(path));
        if (Files.isDirectory(file)) {
            throw new NoSuchFileException(path, null, StoreErrors.unable("read", path, describe()) + ": it is a folder");
        }
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw StoreErrors.wrap("read", path, describe(), e);
        }
    }

    @Override
    public List<StoreEntry> list(String folder) throws IOException {
        Path dir = resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<StoreEntry> entries = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                String name = child.getFileName().toString();
                if (!StorePaths.isTemporary(name)) {
                    entry(child, name).ifPresent(entries::add);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of(); // the folder was deleted while we listed it: it is missing
        } catch (IOException e) {
            throw StoreErrors.wrap("list", folder, describe(), e);
        }
        entries.sort(Comparator.comparing(StoreEntry::name));
        return entries;
    }

    @Override
    public Optional<StoreEntry> stat(String path) throws IOException {
        try {
            return entry(resolve(path), StorePaths.check(path).isEmpty() ? "" : StorePaths.name(path));
        } catch (IOException e) {
            throw StoreErrors.wrap("stat", path, describe(), e);
        }
    }

    private static Optional<StoreEntry> entry(Path file, String name) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty(); // missing is an answer here, not an error
        }
        boolean folder = attributes.isDirectory();
        return Optional.of(new StoreEntry(name, folder, folder ? 0 : attributes.size(),
                attributes.lastModifiedTime().toInstant()));
    }

    @Override
    public void makeFolders(String folder) throws IOException {
        try {
            Files.createDirectories(resolve(folder));
        } catch (IOException e) {
            throw StoreErrors.wrap("create folder", folder, describe(), e);
        }
    }

    /** {@inheritDoc} Missing parent folders of {@code to} are created. */
    @Override
    public void rename(String from, String to) throws IOException {
        Path source = resolve(StorePaths.checkEntry(from));
        Path target = resolve(StorePaths.checkEntry(to));
        String verb = "rename '" + from + "' to";
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw StoreErrors.missing("rename", from, describe());
        }
        try {
            Files.createDirectories(target.getParent());
            if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                // rename(2) replaces an empty folder, so check first; the window is accepted
                // because only one run writes a set folder.
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileAlreadyExistsException(to);
                }
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            } else {
                LocalAtomicWrite.publish(source, target);
            }
        } catch (IOException e) {
            throw StoreErrors.wrap(verb, to, describe(), e);
        }
    }

    @Override
    public void delete(String path) throws IOException {
        Path target = resolve(StorePaths.checkEntry(path));
        try {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(target);
                return;
            }
            Files.walkFileTree(target, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // deleted under us (a concurrent delete of the same path): the goal is reached
        } catch (IOException e) {
            throw StoreErrors.wrap("delete", path, describe(), e);
        }
    }

    @Override
    public long freeBytes() throws IOException {
        Path existing = root;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent(); // the root may not exist yet: ask its file system
        }
        try {
            return Files.getFileStore(existing == null ? root : existing).getUsableSpace();
        } catch (IOException e) {
            throw StoreErrors.wrap("measure free space at", "", describe(), e);
        }
    }

    /** Nothing to release: every call opens and closes what it uses. */
    @Override
    public void close() {
    }
}
