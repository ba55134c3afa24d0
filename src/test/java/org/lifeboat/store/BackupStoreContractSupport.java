package org.lifeboat.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Lifecycle and helpers of {@link BackupStoreContract}: a fresh store per test, and ways to look
 * at its root on this machine, where the store hides its temporary files.
 */
public abstract class BackupStoreContractSupport {

    protected BackupStore store;

    /** A store on a fresh, empty root. */
    protected abstract BackupStore createStore() throws Exception;

    /** The store's root as a folder on this machine, to look at what the store hides. */
    protected abstract Path localRoot();

    @BeforeEach
    void openStore() throws Exception {
        store = createStore();
    }

    @AfterEach
    void closeStore() throws IOException {
        store.close();
    }

    protected void put(String path, String content) throws IOException {
        put(path, content.getBytes(StandardCharsets.UTF_8));
    }

    protected void put(String path, byte[] content) throws IOException {
        try (AtomicWrite write = store.write(path)) {
            write.write(content);
            write.commit();
        }
    }

    protected String get(String path) throws IOException {
        try (InputStream in = store.read(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    protected List<String> names(String folder) throws IOException {
        return store.list(folder).stream().map(StoreEntry::name).toList();
    }

    /** Every name in {@code folder} on disk, hidden ones included; empty if it does not exist. */
    protected List<String> localNames(String folder) throws IOException {
        Path dir = folder.isEmpty() ? localRoot() : localRoot().resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(child -> child.getFileName().toString()).sorted().toList();
        }
    }

    protected void assertNothingAt(String path) throws IOException {
        assertTrue(store.stat(path).isEmpty(), () -> path + " should not exist");
        assertFalse(names(StorePaths.parent(path)).contains(StorePaths.name(path)));
        assertTrue(localNames(StorePaths.parent(path)).stream().noneMatch(name -> name.contains(StorePaths.name(path))),
                () -> "left behind in " + StorePaths.parent(path) + ": " + localNamesQuietly(StorePaths.parent(path)));
    }

    private List<String> localNamesQuietly(String folder) {
        try {
            return localNames(folder);
        } catch (IOException e) {
            return List.of("(unable to list: " + e.getMessage() + ")"); // only for a failure message
        }
    }

    protected static void assertBytes(byte[] expected, InputStream in) throws IOException {
        assertArrayEquals(expected, in.readAllBytes());
    }

    protected static void assertNamesStore(IOException e, BackupStore store, String path) {
        assertTrue(e.getMessage().contains(store.describe()), () -> "message lacks the store: " + e.getMessage());
        assertTrue(e.getMessage().contains(path), () -> "message lacks the path: " + e.getMessage());
    }

    protected static void assertEqualsUtf8(String expected, byte[] actual) {
        assertEquals(expected, new String(actual, StandardCharsets.UTF_8));
    }

    protected static <T extends Throwable> T refused(Class<T> type, ThrowingCall call) {
        return assertThrows(type, call::run);
    }

    /** A store call, for {@link #refused}. */
    @FunctionalInterface
    protected interface ThrowingCall {
        void run() throws Exception;
    }
}
