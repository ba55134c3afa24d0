package org.lifeboat.datastore.mongo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.lifeboat.datastore.BackupResult;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.keys.AgeRecipients;
import org.lifeboat.keys.KeyFiles;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.pipeline.ArtifactDecoder;
import org.lifeboat.pipeline.ArtifactEncoder;
import org.lifeboat.run.StoreArtifactSink;
import org.lifeboat.run.StoreArtifactSource;
import org.lifeboat.store.local.LocalBackupStore;

/** Backs up and restores through the real pipeline (zstd, age) into a local store under {@code work}, set {@code set}. */
final class PipelineFixture {

    final Path work;
    final LocalBackupStore store;
    private final ArtifactEncoder encoder;
    private final ArtifactDecoder decoder;

    PipelineFixture(Path work) throws IOException {
        this.work = work;
        KeyFiles.generate(work.resolve("keys"));
        encoder = new ArtifactEncoder(AgeRecipients.read(work.resolve("keys").resolve(KeyFiles.AGE_RECIPIENTS)), 3);
        decoder = new ArtifactDecoder(AgeIdentity.read(identity()));
        store = new LocalBackupStore(work.resolve("store"));
    }

    Path identity() {
        return work.resolve("keys").resolve(KeyFiles.AGE_IDENTITY);
    }

    /** Where the artifacts of {@code datastore} land: {@code <store>/set/<name>/}. */
    Path folder(Datastore datastore) {
        return work.resolve("store").resolve("set").resolve(datastore.name());
    }

    DatastoreRecord backup(Datastore datastore) throws IOException {
        Instant started = Instant.now();
        BackupResult result = datastore.backup(new StoreArtifactSink(store, encoder, "set", datastore.name()));
        return new DatastoreRecord(datastore.name(), datastore.kind(), datastore.mode(), started, Instant.now(),
                result.versions(), result.artifacts(), result.counts(), result.excluded());
    }

    StoreArtifactSink sinkFor(Datastore datastore) {
        return new StoreArtifactSink(store, encoder, "set", datastore.name());
    }

    StoreArtifactSource source() {
        return new StoreArtifactSource(store, decoder, "set");
    }

    void restore(Datastore datastore, DatastoreRecord recorded) throws IOException {
        try (PreparedRestore prepared = datastore.prepare(recorded, source())) {
            prepared.swapIn();
        }
    }
}
