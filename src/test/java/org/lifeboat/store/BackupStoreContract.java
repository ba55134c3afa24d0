package org.lifeboat.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BackupStore} must do. A subclass only says how to build a store on a fresh,
 * empty root ({@link #createStore()}) and where that root is on this machine ({@link #localRoot()}).
 */
public abstract class BackupStoreContract extends BackupStoreContractSupport {

    @Test
    void writtenFileReadsBack() throws Exception {
        put("2026-11-22/postgres/app.dump.age", "hello");
        assertEquals("hello", get("2026-11-22/postgres/app.dump.age"));
        assertEquals(List.of("app.dump.age"), names("2026-11-22/postgres"));
    }

    @Test
    void aReadStreamMayBeClosedTwice() throws Exception {
        put("set/file", "twice");
        java.io.InputStream in = store.read("set/file");
        assertEquals("twice", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        in.close();
        in.close();
    }

    @Test
    void closeWithoutCommitLeavesNothing() throws Exception {
        try (AtomicWrite write = store.write("set/file")) {
            write.write("abandoned".getBytes(StandardCharsets.UTF_8));
        }
        assertNothingAt("set/file");
        assertEquals(List.of(), localNames("set"));
    }

    @Test
    void commitOntoExistingFailsAndKeepsTheOldContent() throws Exception {
        put("set/manifest.json", "old");
        FileAlreadyExistsException e;
        try (AtomicWrite write = store.write("set/manifest.json")) {
            write.write("new".getBytes(StandardCharsets.UTF_8));
            e = assertThrows(FileAlreadyExistsException.class, write::commit);
        }
        assertNamesStore(e, store, "set/manifest.json");
        assertEquals("old", get("set/manifest.json"));
        assertEquals(List.of("manifest.json"), localNames("set"));
    }

    @Test
    void failingSourceLeavesNothing() throws Exception {
        InputStream source = new FailingInputStream(3 * 1024 * 1024);
        IOException e = assertThrows(IOException.class, () -> {
            try (AtomicWrite write = store.write("set/big.age")) {
                source.transferTo(write);
                write.commit();
            }
        });
        assertEquals(FailingInputStream.MESSAGE, e.getMessage());
        assertNothingAt("set/big.age");
        assertEquals(List.of(), localNames("set"));
    }

    @Test
    void writeAfterCommitIsRefused() throws Exception {
        AtomicWrite write = store.write("a");
        write.write(1);
        write.commit();
        assertThrows(IOException.class, () -> write.write(2));
        assertThrows(IOException.class, write::commit);
        write.close();
        write.close();
        assertEquals(1, store.stat("a").orElseThrow().size());
    }

    @Test
    void listIsSortedHidesTemporaryFilesAndMarksFolders() throws Exception {
        put("set/b", "bb");
        put("set/a", "a");
        store.makeFolders("set/c");
        try (AtomicWrite inProgress = store.write("set/d")) {
            inProgress.write(7);
            inProgress.flush();
            List<StoreEntry> entries = store.list("set");
            assertEquals(List.of("a", "b", "c"), entries.stream().map(StoreEntry::name).toList());
            assertEquals(List.of(false, false, true), entries.stream().map(StoreEntry::folder).toList());
            assertEquals(2, entries.get(1).size());
            assertTrue(localNames("set").stream().anyMatch(StorePaths::isTemporary), "the write is in progress");
        }
        assertEquals(List.of("set"), names(""));
    }

    @Test
    void listOfMissingFolderIsEmpty() throws Exception {
        assertEquals(List.of(), store.list("no/such/folder"));
        assertEquals(List.of(), store.list(""));
    }

    @Test
    void statDescribesFilesAndFolders() throws Exception {
        put("set/file", "12345");
        StoreEntry file = store.stat("set/file").orElseThrow();
        assertEquals(new StoreEntry("file", false, 5, file.modified()), file);
        assertTrue(file.modified().isAfter(java.time.Instant.now().minusSeconds(600)));
        assertTrue(store.stat("set").orElseThrow().folder());
        assertTrue(store.stat("set/missing").isEmpty());
        assertTrue(store.stat("").orElseThrow().folder());
    }

    @Test
    void makeFoldersIsIdempotent() throws Exception {
        store.makeFolders("a/b/c");
        store.makeFolders("a/b/c");
        store.makeFolders("a");
        assertTrue(store.stat("a/b/c").orElseThrow().folder());
        put("a/file", "x");
        assertThrows(IOException.class, () -> store.makeFolders("a/file"));
    }

    @Test
    void renamesFilesAndFolders() throws Exception {
        put("2026-11-22.partial/postgres/app.dump.age", "dump");
        put("2026-11-22.partial/manifest.json", "{}");
        store.rename("2026-11-22.partial/manifest.json", "2026-11-22.partial/manifest2.json");
        store.rename("2026-11-22.partial", "2026-11-22");
        assertEquals(List.of("2026-11-22"), names(""));
        assertEquals("dump", get("2026-11-22/postgres/app.dump.age"));
        assertEquals(List.of("manifest2.json", "postgres"), names("2026-11-22"));
    }

    @Test
    void renameOntoExistingFailsAndRenameOfMissingFails() throws Exception {
        put("a", "a");
        put("b", "b");
        store.makeFolders("empty");
        store.makeFolders("full/inside");
        assertThrows(FileAlreadyExistsException.class, () -> store.rename("a", "b"));
        assertThrows(FileAlreadyExistsException.class, () -> store.rename("full", "empty"));
        assertThrows(FileAlreadyExistsException.class, () -> store.rename("a", "empty"));
        assertEquals("a", get("a"));
        assertEquals("b", get("b"));
        assertTrue(store.stat("full/inside").isPresent());
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> store.rename("missing", "c"));
        assertNamesStore(e, store, "missing");
    }

    @Test
    void deletesFilesAndFoldersRecursively() throws Exception {
        put("set/a/b/file", "x");
        put("set/top", "y");
        try (AtomicWrite abandoned = store.write("set/a/pending")) {
            abandoned.write(1);
            abandoned.flush();
            store.delete("set/top");
            assertEquals(List.of("a"), names("set"));
        }
        put("set/a/b/other", "z");
        store.delete("set");
        assertEquals(List.of(), names(""));
        assertEquals(List.of(), localNames(""));
        store.delete("set");
        store.delete("never/was");
    }

    @Test
    void readOfMissingFileOrFolderFails() throws Exception {
        store.makeFolders("folder");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> store.read("missing"));
        assertNamesStore(e, store, "missing");
        assertThrows(NoSuchFileException.class, () -> store.read("folder"));
    }

    @Test
    void invalidPathsAreRefused() throws Exception {
        for (String bad : new String[] {"../x", "/abs", "a//b", "a/./b", "a/", "a\\b"}) {
            assertThrows(IllegalArgumentException.class, () -> store.write(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> store.read(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> store.list(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> store.stat(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> store.makeFolders(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> store.rename(bad, "ok"), bad);
            assertThrows(IllegalArgumentException.class, () -> store.rename("ok", bad), bad);
            assertThrows(IllegalArgumentException.class, () -> store.delete(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> store.delete(""));
        assertThrows(IllegalArgumentException.class, () -> store.write(""));
        assertEquals(List.of(), localNames(""));
    }

    @Test
    void largeFileStreamsBothWays() throws Exception {
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42);
        byte[] chunk = new byte[64 * 1024 + 7];
        long size = 0;
        try (AtomicWrite write = store.write("large/blob.age")) {
            while (size < 20L * 1024 * 1024) {
                random.nextBytes(chunk);
                write.write(chunk);
                written.update(chunk);
                size += chunk.length;
            }
            write.commit();
        }
        assertEquals(size, store.stat("large/blob.age").orElseThrow().size());
        MessageDigest read = MessageDigest.getInstance("SHA-256");
        try (InputStream in = store.read("large/blob.age")) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                read.update(buffer, 0, n);
            }
        }
        assertEquals(HexFormat.of().formatHex(written.digest()), HexFormat.of().formatHex(read.digest()));
    }

    @Test
    void reportsFreeSpace() throws Exception {
        assertTrue(store.freeBytes() > 0);
    }

    @Test
    void describesItselfWithoutSecrets() {
        assertFalse(store.describe().isBlank());
        assertFalse(store.describe().contains("PRIVATE KEY"));
    }
}
