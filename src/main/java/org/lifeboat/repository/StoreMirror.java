package org.lifeboat.repository;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.ArtifactOutput;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.datastore.BodyOutput;
import org.lifeboat.datastore.BodyRecord;
import org.lifeboat.datastore.Mirror;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.pipeline.ArtifactDigests;
import org.lifeboat.pipeline.ArtifactEncoder;
import org.lifeboat.pipeline.StoredDigest;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.StorePaths;

/**
 * A datastore's mirror on a backup store ({@link MirrorLayout}). A body is written under
 * {@code incoming/} with a random name while its keyed hash is taken, then renamed to
 * {@code <hash[0:2]>/<hash>.zst.age}; if that name exists the body was stored before (same
 * plaintext) and the new copy is deleted. The set's references are streamed into an artifact
 * ({@value MirrorLayout#REFERENCES_FILE}) encrypted also to the state recipient, which prune reads.
 * Thread-safe: bodies may be written from several threads.
 */
public final class StoreMirror implements Mirror {

    private static final Logger LOG = Logger.getLogger(StoreMirror.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BackupStore store;
    private final ArtifactEncoder bodyEncoder;
    private final StoreArtifactSink stateSink;
    private final SecretKeySpec nameKey;
    private final MirrorLayout layout;
    private final Optional<Previous> previous;
    private final Set<String> madeFolders = new HashSet<>();
    private ArtifactOutput references;
    private final StringBuilder pendingLines = new StringBuilder();
    private boolean finished;
    private MirrorListing listing;

    /**
     * @param bodyEncoder encrypts bodies to the usual recipients
     * @param stateEncoder encrypts indexes and references to them and to the state recipient
     * @param nameKey the key of the body names' HMAC-SHA256
     * @param environmentFolder the folder of the environment's sets, where the mirror lives
     * @param setFolder the set being written
     */
    public StoreMirror(BackupStore store, ArtifactEncoder bodyEncoder, ArtifactEncoder stateEncoder, byte[] nameKey,
            String environmentFolder, String setFolder, String datastore, Optional<Previous> previous) {
        this.store = store;
        this.bodyEncoder = bodyEncoder;
        this.stateSink = new StoreArtifactSink(store, stateEncoder, setFolder, datastore);
        this.nameKey = new SecretKeySpec(nameKey, "HmacSHA256");
        this.layout = new MirrorLayout(environmentFolder, datastore);
        this.previous = previous;
    }

    @Override
    public String folderName() {
        return layout.folderName();
    }

    @Override
    public Optional<Previous> previous() {
        return previous;
    }

    @Override
    public ArtifactOutput createIndex(String fileName, String subject, String format) throws IOException {
        return stateSink.create(fileName, subject, format);
    }

    @Override
    public BodyOutput createBody() throws IOException {
        String incoming = layout.incoming(Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE)
                + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE));
        return new Body(EncodedUpload.open(store, bodyEncoder, incoming), mac());
    }

    @Override
    public synchronized void refer(BodyRecord body) throws IOException {
        if (finished) {
            throw new IllegalStateException("the references of " + layout.folder() + " are already stored");
        }
        pendingLines.append(body.toLine()).append('\n');
        if (pendingLines.length() >= 64 * 1024) {
            flushReferences();
        }
    }

    @Override
    public synchronized boolean holds(BodyRecord body) throws IOException {
        if (listing == null) {
            try {
                listing = MirrorListing.of(store, layout);
            } catch (IOException e) {
                throw new IOException("unable to list the mirror " + layout.folder() + " on " + store.describe() + ": "
                        + e.getMessage(), e);
            }
            LOG.infof("mirror %s on %s: %d bodies listed", layout.folder(), store.describe(), listing.size());
        }
        return listing.holds(body);
    }

    /** Stores the set's references (every body referred to, in order) and returns the artifact's record. */
    synchronized ArtifactRecord finish() throws IOException {
        flushReferences();
        finished = true;
        ArtifactRecord record = references.finish();
        references = null;
        return record;
    }

    /** Discards the references artifact if {@link #finish()} was never reached. */
    synchronized void abort() throws IOException {
        if (references != null) {
            references.close();
            references = null;
        }
    }

    /** What to do with each body a references artifact names. */
    @FunctionalInterface
    public interface ReferenceAction {
        void body(BodyRecord body) throws IOException;
    }

    /**
     * Reads a set's references artifact (as {@link #finish()} writes it) through {@code source},
     * calling {@code each} for every line in order, to the end, so its digests are checked.
     */
    public static void readReferences(ArtifactSource source, ArtifactRecord references, ReferenceAction each) throws IOException {
        try (InputStream in = source.open(references);
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = lines.readLine()) != null; ) {
                each.body(BodyRecord.fromLine(line));
            }
        }
    }

    private void flushReferences() throws IOException {
        if (references == null) {
            references = stateSink.create(MirrorLayout.REFERENCES_FILE, layout.folderName(), Mirror.REFERENCES_FORMAT);
        }
        references.write(pendingLines.toString().getBytes(StandardCharsets.US_ASCII));
        pendingLines.setLength(0);
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(nameKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Moves a finished body from {@code incoming} to its name, or drops it if an equal body is there. */
    private BodyRecord place(String incoming, String name, ArtifactDigests digests) throws IOException {
        BodyRecord written = new BodyRecord(name, digests.plainBytes(), digests.plainSha256(), digests.storedBytes(),
                digests.storedSha256());
        String path = layout.body(written);
        String folder = StorePaths.parent(path);
        synchronized (madeFolders) {
            if (madeFolders.add(folder)) {
                store.makeFolders(folder);
            }
        }
        try {
            store.rename(incoming, path);
            return written;
        } catch (FileAlreadyExistsException e) {
            try {
                store.delete(incoming);
            } catch (java.nio.file.AccessDeniedException denied) {
                // an append-only account may not delete: the server's mirror sweep removes stale incoming bodies
                LOG.debugf("the duplicate '%s' stays until the backup server sweeps it", incoming);
            }
            StoredDigest existing;
            try (InputStream in = store.read(path)) {
                existing = StoredDigest.of(in);
            }
            LOG.debugf("body %s was already in %s", name, layout.folder());
            return new BodyRecord(name, digests.plainBytes(), digests.plainSha256(), existing.bytes(), existing.sha256());
        }
    }

    /** One body in progress. */
    private final class Body extends BodyOutput {
        private final EncodedUpload upload;
        private final Mac mac;
        private long sent;

        Body(EncodedUpload upload, Mac mac) {
            this.upload = upload;
            this.mac = mac;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            mac.update(bytes, offset, length);
            upload.write(bytes, offset, length);
        }

        @Override
        public BodyRecord finish() throws IOException {
            ArtifactDigests digests = upload.finish();
            sent = digests.storedBytes();
            BodyRecord body;
            try {
                body = place(upload.path(), HexFormat.of().formatHex(mac.doFinal()), digests);
            } catch (IOException e) {
                throw new IOException("unable to place '" + upload.path() + "' in " + layout.folder() + " on " + store.describe()
                        + ": " + e.getMessage(), e);
            }
            refer(body);
            return body;
        }

        @Override
        public long sentBytes() {
            return sent;
        }

        @Override
        public void close() throws IOException {
            upload.close();
        }
    }
}
