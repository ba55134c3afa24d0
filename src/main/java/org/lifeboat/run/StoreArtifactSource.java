package org.lifeboat.run;

import java.io.IOException;
import java.io.InputStream;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.datastore.BodyRecord;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.pipeline.ArtifactDecoder;
import org.lifeboat.pipeline.ArtifactDigests;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.StorePaths;

/** Reads a set's artifacts back: decrypted, decompressed, and checked against the manifest. */
public final class StoreArtifactSource implements ArtifactSource {

    private final BackupStore store;
    private final ArtifactDecoder decoder;
    private final String setFolder;

    public StoreArtifactSource(BackupStore store, ArtifactDecoder decoder, String setFolder) {
        this.store = store;
        this.decoder = decoder;
        this.setFolder = setFolder;
    }

    @Override
    public InputStream open(ArtifactRecord artifact) throws IOException {
        return open(StorePaths.join(setFolder, artifact.path()), digests(artifact));
    }

    @Override
    public InputStream openBody(String mirror, BodyRecord body) throws IOException {
        return open(MirrorLayout.body(StorePaths.parent(setFolder), mirror, body), new ArtifactDigests(body.plainBytes(), body.plainSha256(), body.storedBytes(), body.storedSha256()));
    }

    private InputStream open(String path, ArtifactDigests expected) throws IOException {
        InputStream stored = store.read(path);
        try {
            return decoder.open(stored, expected);
        } catch (IOException | RuntimeException e) {
            stored.close();
            throw new IOException("unable to read '" + path + "' on " + store.describe() + ": " + e.getMessage(), e);
        }
    }

    /** The digests the manifest recorded for {@code artifact}. */
    static ArtifactDigests digests(ArtifactRecord artifact) {
        return new ArtifactDigests(artifact.plainBytes(), artifact.plainSha256(), artifact.storedBytes(), artifact.storedSha256());
    }
}
