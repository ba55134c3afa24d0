package org.lifeboat.datastore.minio;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.datastore.BackupResult;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.keys.AgeRecipients;
import org.lifeboat.keys.KeyFiles;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.pipeline.ArtifactDecoder;
import org.lifeboat.pipeline.ArtifactEncoder;
import org.lifeboat.run.StoreArtifactSink;
import org.lifeboat.run.StoreArtifactSource;
import org.lifeboat.store.local.LocalBackupStore;

/** The real pipeline (zstd, age) and a local store in {@code work}: backups and restores as a run does them. */
final class ArtifactFixture {

    static final String SET = "set";

    final Path work;
    private final LocalBackupStore store;
    private final ArtifactEncoder encoder;
    private final ArtifactDecoder decoder;

    ArtifactFixture(Path work) throws IOException {
        this.work = work;
        KeyFiles.generate(work.resolve("keys"));
        encoder = new ArtifactEncoder(AgeRecipients.read(work.resolve("keys").resolve(KeyFiles.AGE_RECIPIENTS)), 3);
        decoder = new ArtifactDecoder(AgeIdentity.read(work.resolve("keys").resolve(KeyFiles.AGE_IDENTITY)));
        store = new LocalBackupStore(work.resolve("store"));
    }

    Path identity() {
        return work.resolve("keys").resolve(KeyFiles.AGE_IDENTITY);
    }

    /** Where the set's artifacts are stored (partial set folder or published: searched by the tests). */
    Path storeRoot() {
        return work.resolve("store");
    }

    ArtifactSink sink(String datastore) {
        return new StoreArtifactSink(store, encoder, SET, datastore);
    }

    ArtifactSource source() {
        return new StoreArtifactSource(store, decoder, SET);
    }

    DatastoreRecord backup(Datastore datastore) throws IOException {
        Instant started = Instant.now();
        BackupResult result = datastore.backup(sink(datastore.name()));
        return record(datastore, result.artifacts(), result.counts(), result.versions(), result.excluded(), started);
    }

    static DatastoreRecord record(Datastore datastore, List<ArtifactRecord> artifacts, Map<String, Map<String, Long>> counts,
            Map<String, String> versions, List<String> excluded, Instant started) {
        return new DatastoreRecord(datastore.name(), datastore.kind(), datastore.mode(), started, Instant.now(), versions,
                artifacts, counts, excluded);
    }

    void restore(Datastore datastore, DatastoreRecord recorded) throws IOException {
        try (PreparedRestore prepared = datastore.prepare(recorded, source())) {
            prepared.swapIn();
        }
    }
}
