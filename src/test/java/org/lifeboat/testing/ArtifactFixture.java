package org.lifeboat.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.datastore.BackupResult;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.Mirror;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.keys.AgeRecipients;
import org.lifeboat.keys.KeyFiles;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.pipeline.ArtifactDecoder;
import org.lifeboat.pipeline.ArtifactEncoder;
import org.lifeboat.repository.MirrorKeys;
import org.lifeboat.repository.StoreArtifactSink;
import org.lifeboat.repository.StoreArtifactSource;
import org.lifeboat.repository.StoreMirror;
import org.lifeboat.store.StorePaths;
import org.lifeboat.store.local.LocalBackupStore;

/**
 * The real pipeline (zstd, age) and a local store in {@code work}: backups and restores as a run
 * does them, with a mirror ({@link StoreMirror}) beside the sets, keyed by a state identity of its
 * own, as a backup role with {@code state-identity-file} has.
 */
public final class ArtifactFixture {

    public static final String SET = "set";

    public final Path work;
    private final LocalBackupStore store;
    private final AgeRecipients recipients;
    private final ArtifactEncoder encoder;
    private final ArtifactDecoder decoder;
    private final AgeIdentity state;
    private final ArtifactEncoder stateEncoder;

    public ArtifactFixture(Path work) throws IOException {
        this.work = work;
        KeyFiles.generate(work.resolve("keys"));
        KeyFiles.generate(work.resolve("state-keys"));
        recipients = AgeRecipients.read(work.resolve("keys").resolve(KeyFiles.AGE_RECIPIENTS));
        encoder = new ArtifactEncoder(recipients, 3);
        decoder = new ArtifactDecoder(AgeIdentity.read(work.resolve("keys").resolve(KeyFiles.AGE_IDENTITY)));
        state = AgeIdentity.read(work.resolve("state-keys").resolve(KeyFiles.AGE_IDENTITY));
        stateEncoder = new ArtifactEncoder(recipients.plus(state.publicKeys()), 3);
        store = new LocalBackupStore(work.resolve("store"));
    }

    /** The store, for tests that look at what is on it. */
    public LocalBackupStore store() {
        return store;
    }

    /** The state identity file. */
    public Path stateIdentity() {
        return work.resolve("state-keys").resolve(KeyFiles.AGE_IDENTITY);
    }

    /**
     * Backs {@code datastore} up into set folder {@code set} (beside which the mirror lives), with
     * {@code previous} (the record of set {@code previousSet}, or null) as the previous run's.
     */
    public DatastoreRecord backup(Datastore datastore, String set, DatastoreRecord previous, String previousSet) throws IOException {
        Instant started = Instant.now();
        Optional<Mirror.Previous> last = previous == null ? Optional.empty()
                : Optional.of(new Mirror.Previous(previousSet, previous, new StoreArtifactSource(store, new ArtifactDecoder(state),
                        previousSet, datastore.name())));
        StoreMirror mirror = new StoreMirror(store, encoder, stateEncoder, state.derivedKey(MirrorKeys.NAME_KEY_PURPOSE),
                StorePaths.parent(set), set, datastore.name(), last);
        StoreArtifactSink sink = new StoreArtifactSink(store, encoder, set, datastore.name(), mirror);
        BackupResult result;
        List<ArtifactRecord> artifacts;
        try {
            result = datastore.backup(sink);
            artifacts = sink.complete(result.artifacts());
        } catch (IOException | RuntimeException e) {
            sink.abort();
            throw e;
        }
        return record(datastore, artifacts, result.counts(), result.versions(), result.excluded(), started);
    }

    /** Restores set folder {@code set}. */
    public void restore(Datastore datastore, DatastoreRecord recorded, String set) throws IOException {
        try (PreparedRestore prepared = datastore.prepare(recorded, new StoreArtifactSource(store, decoder, set, datastore.name()))) {
            prepared.swapIn();
        }
    }

    /** Where the artifacts of {@code datastore} land in the default set: {@code <store>/set/<name>/}. */
    public Path folder(Datastore datastore) {
        return storeRoot().resolve(SET).resolve(datastore.name());
    }

    public Path identity() {
        return work.resolve("keys").resolve(KeyFiles.AGE_IDENTITY);
    }

    /** Where the set's artifacts are stored (partial set folder or published: searched by the tests). */
    public Path storeRoot() {
        return work.resolve("store");
    }

    public ArtifactSink sink(String datastore) {
        return new StoreArtifactSink(store, encoder, SET, datastore);
    }

    /** Reads the artifacts of {@code datastore} in the default set. */
    public ArtifactSource source(String datastore) {
        return new StoreArtifactSource(store, decoder, SET, datastore);
    }

    public DatastoreRecord backup(Datastore datastore) throws IOException {
        return backup(datastore, SET, null, null);
    }

    public static DatastoreRecord record(Datastore datastore, List<ArtifactRecord> artifacts, Map<String, Map<String, Long>> counts,
            Map<String, String> versions, List<String> excluded, Instant started) {
        return new DatastoreRecord(datastore.name(), datastore.kind(), datastore.mode(), started, Instant.now(), versions,
                artifacts, counts, excluded);
    }

    public void restore(Datastore datastore, DatastoreRecord recorded) throws IOException {
        restore(datastore, recorded, SET);
    }
}
