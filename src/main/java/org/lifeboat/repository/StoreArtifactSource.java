package org.lifeboat.repository;

import java.io.IOException;
import java.io.InputStream;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.datastore.BodyRecord;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.pipeline.ArtifactDecoder;
import org.lifeboat.pipeline.ArtifactDigests;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.StorePaths;

/**
 * Reads one datastore's artifacts of a set back, and the bodies of its mirror: decrypted,
 * decompressed, and checked against the manifest.
 */
public final class StoreArtifactSource implements ArtifactSource {

    private final BackupStore store;
    private final ArtifactDecoder decoder;
    private final String setFolder;
    private final MirrorLayout mirror;

    /**
     * @param setFolder the set's folder from the store's root
     * @param datastore the datastore whose mirror beside the set {@link #openBody} reads
     */
    public StoreArtifactSource(BackupStore store, ArtifactDecoder decoder, String setFolder, String datastore) {
        this.store = store;
        this.decoder = decoder;
        this.setFolder = setFolder;
        this.mirror = new MirrorLayout(StorePaths.parent(setFolder), datastore);
    }

    @Override
    public InputStream open(ArtifactRecord artifact) throws IOException {
        return open(StorePaths.join(setFolder, artifact.path()), artifact.digests());
    }

    @Override
    public InputStream openBody(BodyRecord body) throws IOException {
        return open(mirror.body(body), new ArtifactDigests(body.plainBytes(), body.plainSha256(), body.storedBytes(),
                body.storedSha256()));
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
}
