package org.lifeboat.datastore.postgres.pgbackrest;

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
import org.lifeboat.repository.StoreArtifactSink;
import org.lifeboat.repository.StoreArtifactSource;
import org.lifeboat.store.local.LocalBackupStore;

/** Dated sets in a local store through the real pipeline (zstd, age), as a backup run writes them. */
final class SetsOnDisk {

    private final LocalBackupStore store;
    private final ArtifactEncoder encoder;
    private final ArtifactDecoder decoder;

    SetsOnDisk(Path dir) throws IOException {
        KeyFiles.generate(dir.resolve("keys"));
        encoder = new ArtifactEncoder(AgeRecipients.read(dir.resolve("keys").resolve(KeyFiles.AGE_RECIPIENTS)), 3);
        decoder = new ArtifactDecoder(AgeIdentity.read(dir.resolve("keys").resolve(KeyFiles.AGE_IDENTITY)));
        store = new LocalBackupStore(dir.resolve("store"));
    }

    DatastoreRecord backup(Datastore datastore, String set) throws IOException {
        Instant started = Instant.now();
        BackupResult result = datastore.backup(new StoreArtifactSink(store, encoder, set, datastore.name()));
        return new DatastoreRecord(datastore.name(), datastore.kind(), datastore.mode(), started, Instant.now(),
                result.versions(), result.artifacts(), result.counts(), result.excluded());
    }

    PreparedRestore prepare(Datastore datastore, DatastoreRecord recorded, String set) throws IOException {
        return datastore.prepare(recorded, new StoreArtifactSource(store, decoder, set, datastore.name()));
    }

    void restore(Datastore datastore, DatastoreRecord recorded, String set) throws IOException {
        try (PreparedRestore prepared = prepare(datastore, recorded, set)) {
            prepared.swapIn();
        }
    }
}
