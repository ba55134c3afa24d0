package org.lifeboat.datastore.postgres.pgbackrest;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The journal of one swap of data directories, the marker file {@code <data>.lifeboat-swap}
 * beside the live one: before each step it is replaced (written beside, then renamed over, so a
 * kill never leaves half of it) by what the step is, where the live data directory is kept aside,
 * where the restored one came from, whether the live cluster ran before the swap and with which
 * start options, so that after Lifeboat was killed the next restore can settle the swap
 * ({@link ClusterSettlement}). The marker exists from the swap's start to the end of its commit or
 * rollback.
 */
final class SwapJournal {

    /** The clusters are being stopped; both data directories are where they were. */
    static final String STOPPING = "stopping";
    /** The live data directory is being moved aside. */
    static final String MOVING_ASIDE = "moving-aside";
    /** The live data directory is aside; the restored one is being moved into its place. */
    static final String MOVING_IN = "moving-in";
    /** The restored data directory is in place and being started. */
    static final String STARTING = "starting";
    /** A rollback is putting the live data directory back. */
    static final String PUTTING_BACK = "putting-back";
    /** The commit began: the restored cluster stays, the aside directory goes. */
    static final String COMMITTING = "committing";

    /**
     * One step of a swap.
     *
     * @param step one of the steps above
     * @param aside where the live data directory is kept aside
     * @param restored where the restored data directory was checked (and is put back to at a rollback, then removed)
     * @param liveWasRunning whether the live cluster ran before the swap (so it runs again after a rollback)
     * @param options the live cluster's start options ({@code pg_ctl -o})
     */
    record Step(String step, Path aside, Path restored, boolean liveWasRunning, String options) {

        Step at(String next) {
            return new Step(next, aside, restored, liveWasRunning, options);
        }
    }

    private SwapJournal() {
    }

    /** The marker file of a swap not yet committed or rolled back. */
    static Path marker(Path live) {
        return live.resolveSibling(live.getFileName() + ".lifeboat-swap");
    }

    static void record(Path live, Step step) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("step", step.step());
        properties.setProperty("aside", step.aside().toString());
        properties.setProperty("restored", step.restored().toString());
        properties.setProperty("live-was-running", Boolean.toString(step.liveWasRunning()));
        properties.setProperty("options", step.options());
        StringWriter text = new StringWriter();
        properties.store(text, "Lifeboat: a swap of '" + live + "' not yet committed or rolled back; the next restore settles it");
        Path marker = marker(live);
        Path beside = marker.resolveSibling(marker.getFileName() + ".new");
        Files.writeString(beside, text.toString(), StandardCharsets.UTF_8);
        Files.move(beside, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The last step the marker of {@code live} says, or null if there is no marker; throws if the
     * marker does not say enough (an older Lifeboat's, which wrote only a sentence).
     */
    static Step read(Path live) throws IOException {
        Path marker = marker(live);
        if (!Files.exists(marker)) {
            return null;
        }
        String text = Files.readString(marker, StandardCharsets.UTF_8);
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        String step = properties.getProperty("step");
        String aside = properties.getProperty("aside");
        String restored = properties.getProperty("restored");
        String running = properties.getProperty("live-was-running");
        String options = properties.getProperty("options");
        if (step == null || aside == null || restored == null || running == null || options == null) {
            return new Step(text.strip(), null, null, false, null);
        }
        return new Step(step, Path.of(aside), Path.of(restored), Boolean.parseBoolean(running), options);
    }

    static void remove(Path live) throws IOException {
        Files.deleteIfExists(marker(live));
    }
}
