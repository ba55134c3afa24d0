package org.lifeboat.run;

import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.ArtifactOutput;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.datastore.Mirror;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.pipeline.ArtifactDigests;
import org.lifeboat.pipeline.ArtifactEncoder;
import org.lifeboat.pipeline.EncodingStream;
import org.lifeboat.store.AtomicWrite;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.StorePaths;

/**
 * Writes a datastore's artifacts into its folder of a set being written: each one compressed and
 * encrypted by the pipeline and stored atomically, with a progress line when it is done.
 */
public final class StoreArtifactSink implements ArtifactSink {

    /** The suffix of every stored artifact: zstd inside age. */
    static final String SUFFIX = ".zst.age";

    private static final Logger LOG = Logger.getLogger(StoreArtifactSink.class);

    private final BackupStore store;
    private final ArtifactEncoder encoder;
    private final String setFolder;
    private final String datastore;
    private final Mirror mirror;

    public StoreArtifactSink(BackupStore store, ArtifactEncoder encoder, String setFolder, String datastore) {
        this(store, encoder, setFolder, datastore, null);
    }

    /** A sink that also offers {@code mirror} (null for none) to the datastore. */
    public StoreArtifactSink(BackupStore store, ArtifactEncoder encoder, String setFolder, String datastore, Mirror mirror) {
        this.store = store;
        this.encoder = encoder;
        this.setFolder = setFolder;
        this.datastore = datastore;
        this.mirror = mirror;
    }

    @Override
    public Optional<Mirror> mirror() {
        return Optional.ofNullable(mirror);
    }

    @Override
    public ArtifactOutput create(String fileName, String subject, String format) throws IOException {
        String relative = StorePaths.join(datastore, fileName + SUFFIX);
        String storePath = StorePaths.join(setFolder, relative);
        AtomicWrite write = store.write(storePath);
        EncodingStream encoding;
        try {
            encoding = encoder.open(write);
        } catch (IOException | RuntimeException e) {
            write.close();
            throw e;
        }
        return new Output(relative, storePath, subject, format, write, encoding);
    }

    /** One artifact in progress; logs every {@value #PROGRESS_SECONDS} s and when stored. */
    private final class Output extends ArtifactOutput {
        private static final int PROGRESS_SECONDS = 30;

        private final String relative;
        private final String storePath;
        private final String subject;
        private final String format;
        private final AtomicWrite write;
        private final EncodingStream encoding;
        private final long startNanos = System.nanoTime();
        private long nextProgressNanos = startNanos + PROGRESS_SECONDS * 1_000_000_000L;
        private long written;
        private boolean done;

        Output(String relative, String storePath, String subject, String format, AtomicWrite write, EncodingStream encoding) {
            this.relative = relative;
            this.storePath = storePath;
            this.subject = subject;
            this.format = format;
            this.write = write;
            this.encoding = encoding;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            encoding.write(bytes, offset, length);
            written += length;
            long now = System.nanoTime();
            if (now >= nextProgressNanos) {
                nextProgressNanos = now + PROGRESS_SECONDS * 1_000_000_000L;
                LOG.infof("%s: %s: %s so far, %s", datastore, relative, Sizes.bytes(written), Sizes.rate(written, now - startNanos));
            }
        }

        @Override
        public ArtifactRecord finish() throws IOException {
            try {
                encoding.close();
                write.commit();
            } catch (IOException e) {
                throw new IOException("unable to store '" + storePath + "' on " + store.describe() + ": " + e.getMessage(), e);
            }
            done = true;
            ArtifactDigests digests = encoding.digests();
            long nanos = System.nanoTime() - startNanos;
            LOG.infof("%s: stored %s: %s plain, %s stored, %s, %s", datastore, relative, Sizes.bytes(digests.plainBytes()),
                    Sizes.bytes(digests.storedBytes()), Sizes.seconds(nanos), Sizes.rate(digests.plainBytes(), nanos));
            return new ArtifactRecord(relative, subject, format, digests.plainBytes(), digests.plainSha256(),
                    digests.storedBytes(), digests.storedSha256());
        }

        @Override
        public void close() throws IOException {
            if (!done) {
                encoding.abort();
                write.close();
            }
        }
    }
}
