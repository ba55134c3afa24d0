package org.lifeboat.repository;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.lifeboat.Sizes;
import org.lifeboat.datastore.ArtifactOutput;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.datastore.Mirror;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.pipeline.ArtifactDigests;
import org.lifeboat.pipeline.ArtifactEncoder;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.StorePaths;

/**
 * Writes a datastore's artifacts into its folder of a set being written: each one compressed and
 * encrypted by the pipeline and stored atomically, with a progress line when it is done.
 */
public final class StoreArtifactSink implements ArtifactSink {

    /** The suffix of every stored artifact: zstd inside age. */
    public static final String SUFFIX = ".zst.age";

    private static final Logger LOG = Logger.getLogger(StoreArtifactSink.class);

    private final BackupStore store;
    private final ArtifactEncoder encoder;
    private final String setFolder;
    private final String datastore;
    private final StoreMirror mirror;
    private boolean mirrorTaken;

    public StoreArtifactSink(BackupStore store, ArtifactEncoder encoder, String setFolder, String datastore) {
        this(store, encoder, setFolder, datastore, null);
    }

    /** A sink that also offers {@code mirror} (null for none) to the datastore. */
    public StoreArtifactSink(BackupStore store, ArtifactEncoder encoder, String setFolder, String datastore, StoreMirror mirror) {
        this.store = store;
        this.encoder = encoder;
        this.setFolder = setFolder;
        this.datastore = datastore;
        this.mirror = mirror;
    }

    @Override
    public Optional<Mirror> mirror() {
        mirrorTaken = mirror != null;
        return Optional.ofNullable(mirror);
    }

    /**
     * The artifacts of the datastore's record: {@code artifacts} as its backup returned them, and
     * after them, if it took the mirror, the set's references to the mirror's bodies (which prune
     * keeps bodies for), stored now.
     */
    public List<ArtifactRecord> complete(List<ArtifactRecord> artifacts) throws IOException {
        if (!mirrorTaken) {
            return artifacts;
        }
        List<ArtifactRecord> all = new ArrayList<>(artifacts);
        all.add(mirror.finish());
        return all;
    }

    /** Discards the mirror's references if the backup failed before {@link #complete}. */
    public void abort() throws IOException {
        if (mirror != null) {
            mirror.abort();
        }
    }

    @Override
    public ArtifactOutput create(String fileName, String subject, String format) throws IOException {
        String relative = StorePaths.join(datastore, fileName + SUFFIX);
        return new Output(relative, subject, format, EncodedUpload.open(store, encoder, StorePaths.join(setFolder, relative)));
    }

    /** One artifact in progress; logs every {@value #PROGRESS_SECONDS} s and when stored. */
    private final class Output extends ArtifactOutput {
        private static final int PROGRESS_SECONDS = 30;

        private final String relative;
        private final String subject;
        private final String format;
        private final EncodedUpload upload;
        private final long startNanos = System.nanoTime();
        private long nextProgressNanos = startNanos + PROGRESS_SECONDS * 1_000_000_000L;
        private long written;

        Output(String relative, String subject, String format, EncodedUpload upload) {
            this.relative = relative;
            this.subject = subject;
            this.format = format;
            this.upload = upload;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            upload.write(bytes, offset, length);
            written += length;
            long now = System.nanoTime();
            if (now >= nextProgressNanos) {
                nextProgressNanos = now + PROGRESS_SECONDS * 1_000_000_000L;
                LOG.infof("%s: %s: %s so far, %s", datastore, relative, Sizes.bytes(written), Sizes.rate(written, now - startNanos));
            }
        }

        @Override
        public ArtifactRecord finish() throws IOException {
            ArtifactDigests digests = upload.finish();
            long nanos = System.nanoTime() - startNanos;
            LOG.infof("%s: stored %s: %s plain, %s stored, %s, %s", datastore, relative, Sizes.bytes(digests.plainBytes()),
                    Sizes.bytes(digests.storedBytes()), Sizes.seconds(nanos), Sizes.rate(digests.plainBytes(), nanos));
            return new ArtifactRecord(relative, subject, format, digests.plainBytes(), digests.plainSha256(),
                    digests.storedBytes(), digests.storedSha256());
        }

        @Override
        public void close() throws IOException {
            upload.close();
        }
    }
}
