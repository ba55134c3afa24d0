package org.lifeboat.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.ArtifactFixture;

/**
 * What every {@link Datastore} must do, through the real pipeline (zstd, age) and a real store
 * with a mirror beside the set ({@link ArtifactFixture}).
 * A subclass says how to reach a source and a target server of its kind, how to fill and empty
 * them, and how to fingerprint their content so that two of them can be compared exactly.
 */
public abstract class DatastoreContract {

    @TempDir
    protected Path work;

    private ArtifactFixture fixture;

    /** The datastore backed up. */
    protected abstract Datastore source() throws Exception;

    /** The datastore restored into (another server, or other names on the same one). */
    protected abstract Datastore target() throws Exception;

    /** A datastore of the same kind whose server cannot be reached. */
    protected abstract Datastore unreachable() throws Exception;

    /** The address {@link #unreachable()} points at, as its messages must show it. */
    protected abstract String unreachableAddress();

    /** Fills the source with data of every kind the datastore knows. */
    protected abstract void fillSource() throws Exception;

    /** Puts data into the target that differs from anything the source will hold. */
    protected abstract void fillTargetWithOtherData() throws Exception;

    /** Everything the datastore holds on the source, in a comparable form. */
    protected abstract String fingerprintSource() throws Exception;

    /** The same for the target. */
    protected abstract String fingerprintTarget() throws Exception;

    /**
     * Every name the datastore's data has on the target where a restore puts copies beside it
     * (databases, {@code database.collection}, buckets, folders beside the data directory), sorted.
     */
    protected abstract List<String> namesOnTarget() throws Exception;

    /** The target with {@code lifeboat.restore.keep-replaced}. */
    protected Datastore targetKeepingReplaced() throws Exception {
        return ((AbstractDatastore) target()).keepingReplaced(true);
    }

    @BeforeEach
    void keys() throws IOException {
        fixture = new ArtifactFixture(work);
    }

    private DatastoreRecord backup(Datastore datastore) throws IOException {
        return fixture.backup(datastore);
    }

    private void restore(Datastore datastore, DatastoreRecord recorded) throws IOException {
        fixture.restore(datastore, recorded);
    }

    /** Prepares the restore of {@code recorded} into {@code target} from the fixture's set; the caller closes it. */
    private PreparedRestore prepare(Datastore target, DatastoreRecord recorded) throws IOException {
        return target.prepare(recorded, fixture.source(target.name()));
    }

    /** The source filled with data of every kind, then backed up. */
    private DatastoreRecord backUpFilledSource() throws Exception {
        fillSource();
        return backup(source());
    }

    /** Where most tests start: the source filled and backed up, then other data put on the target. */
    private DatastoreRecord backUpSourceThenFillTarget() throws Exception {
        DatastoreRecord recorded = backUpFilledSource();
        fillTargetWithOtherData();
        return recorded;
    }

    @Test
    void anEmptyDatastoreRoundTrips() throws Exception {
        DatastoreRecord recorded = backup(source());
        fillTargetWithOtherData();
        restore(target(), recorded);
        assertEquals(fingerprintSource(), fingerprintTarget());
    }

    @Test
    void dataRoundTripsExactly() throws Exception {
        DatastoreRecord recorded = backUpFilledSource();
        assertTrue(recorded.artifacts().stream().mapToLong(ArtifactRecord::plainBytes).sum() > 0);
        assertTrue(recorded.counts().values().stream().anyMatch(counts -> counts.values().stream().anyMatch(n -> n > 0)),
                "counts are recorded: " + recorded.counts());
        fillTargetWithOtherData();
        assertNotEquals(fingerprintSource(), fingerprintTarget());
        restore(target(), recorded);
        assertEquals(fingerprintSource(), fingerprintTarget());
    }

    @Test
    void aTruncatedArtifactFailsTheRestoreAndLeavesLiveDataUntouched() throws Exception {
        DatastoreRecord recorded = backUpFilledSource();
        Path largest;
        try (Stream<Path> files = Files.walk(fixture.storeRoot())) {
            largest = files.filter(Files::isRegularFile).max(Comparator.comparingLong(DatastoreContract::size)).orElseThrow();
        }
        try (FileChannel file = FileChannel.open(largest, StandardOpenOption.WRITE)) {
            file.truncate(file.size() / 2);
        }
        fillTargetWithOtherData();
        String before = fingerprintTarget();
        Datastore target = target();
        IOException e = assertThrows(IOException.class, () -> prepare(target, recorded));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        assertEquals(before, fingerprintTarget(), "live data untouched");
    }

    /**
     * The datastore's own message says what failed but leaves its {@link Datastore#describe()} to the
     * run that calls it, which adds it once (the end-to-end ErrorContextEndToEndTest shows the run's
     * message); the precheck names the address.
     */
    @Test
    void anUnreachableServerFailsLeavingTheDatastoresNameToItsCaller() throws Exception {
        Datastore datastore = unreachable();
        IOException e = assertThrows(IOException.class,
                () -> fixture.backup(datastore));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), String.valueOf(e.getMessage()));
        assertFalse(e.getMessage().contains(datastore.describe()), "the caller adds the context, once: " + e.getMessage());
        assertFalse(e.getMessage().startsWith(datastore.name() + ":"), "the caller adds the name, once: " + e.getMessage());
        List<Check> checks = datastore.precheck();
        assertTrue(checks.stream().anyMatch(c -> !c.ok() && c.detail().contains(unreachableAddress())), checks.toString());
    }

    @Test
    void aSwapRolledBackPutsTheLiveDataBackExactly() throws Exception {
        DatastoreRecord recorded = backUpSourceThenFillTarget();
        String before = fingerprintTarget();
        List<String> namesBefore = namesOnTarget();
        try (PreparedRestore prepared = prepare(target(), recorded)) {
            long started = System.nanoTime();
            prepared.swapIn();
            long swapped = System.nanoTime();
            assertEquals(fingerprintSource(), fingerprintTarget(), "swapped in");
            long rollBackStarted = System.nanoTime();
            prepared.rollBack();
            long rolledBack = System.nanoTime();
            System.out.printf("FIGURE %s: swapIn %d ms, rollBack %d ms%n", getClass().getSimpleName(), (swapped - started) / 1_000_000,
                    (rolledBack - rollBackStarted) / 1_000_000);
        }
        assertEquals(before, fingerprintTarget(), "the live data is back exactly");
        assertEquals(namesBefore, namesOnTarget(), "nothing of the restore is left beside it");
    }

    @Test
    void aCommittedSwapLeavesNoCopyAside() throws Exception {
        DatastoreRecord recorded = backUpSourceThenFillTarget();
        try (PreparedRestore prepared = prepare(target(), recorded)) {
            prepared.swapIn();
            assertTrue(lifeboatNames().size() > 0, "the replaced live data is kept aside until the commit: " + namesOnTarget());
            prepared.commit();
        }
        assertEquals(fingerprintSource(), fingerprintTarget());
        assertEquals(List.of(), lifeboatNames(), "the copy aside is dropped at the commit");
    }

    @Test
    void keepReplacedKeepsOnlyTheNewestReplacedCopy() throws Exception {
        DatastoreRecord recorded = backUpSourceThenFillTarget();
        fixture.restore(targetKeepingReplaced(), recorded);
        List<String> first = lifeboatNames();
        assertTrue(!first.isEmpty(), "the replaced copy is kept: " + namesOnTarget());
        Thread.sleep(1100); // the copies' names carry the second of their swap
        fixture.restore(targetKeepingReplaced(), recorded);
        List<String> second = lifeboatNames();
        assertTrue(!second.isEmpty(), "the newest replaced copy is kept");
        assertTrue(second.stream().noneMatch(first::contains), "the older copies are dropped: " + first + " then " + second);
        assertEquals(1, second.stream().map(name -> name.substring(name.length() - 16)).distinct().count(),
                "what is kept is what the newest restore replaced: " + second);
        assertEquals(fingerprintSource(), fingerprintTarget());
    }

    @Test
    void aRestoreKilledBeforeItsCommitIsRolledBackByTheNextOne() throws Exception {
        DatastoreRecord recorded = backUpSourceThenFillTarget();
        String before = fingerprintTarget();
        List<String> namesBefore = namesOnTarget();
        PreparedRestore interrupted = prepare(target(), recorded);
        interrupted.swapIn(); // then Lifeboat is killed: no commit, no rollBack, no close
        assertEquals(fingerprintSource(), fingerprintTarget(), "the killed restore had swapped in");
        assertTrue(!lifeboatNames().isEmpty(), "the killed restore left its copies aside: " + namesOnTarget());
        prepare(target(), recorded).close(); // settles the killed swap, then loads and discards its own copy
        assertEquals(before, fingerprintTarget(), "the live data the killed restore had kept aside is back under its name, exactly");
        assertEquals(namesBefore, namesOnTarget(), "nothing of either restore is left beside it");
        fixture.restore(target(), recorded);
        assertEquals(fingerprintSource(), fingerprintTarget(), "and a restore runs as usual");
    }

    /** The names on the target that are Lifeboat's own (scratch, aside or kept copies, markers). */
    private List<String> lifeboatNames() throws Exception {
        return namesOnTarget().stream().filter(name -> name.toLowerCase(java.util.Locale.ROOT).contains("lifeboat")).toList();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
