package org.lifeboat.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.Sizes;
import org.lifeboat.app.Appliance;
import org.lifeboat.datastore.Mirror;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.manifest.Manifest;
import org.lifeboat.pipeline.ArtifactDecoder;
import org.lifeboat.pipeline.StoredDigest;
import org.lifeboat.repository.MirrorLayout;
import org.lifeboat.repository.SetCatalog;
import org.lifeboat.repository.SetLayout;
import org.lifeboat.repository.StoreArtifactSource;
import org.lifeboat.repository.StoreMirror;
import org.lifeboat.retention.RetentionPolicy.State;
import org.lifeboat.store.StorePaths;

/**
 * Checks sets against their manifests. Quick: the stored bytes' size and SHA-256 (no key needed).
 * Deep: also decrypts and decompresses, checking the plaintext's size and SHA-256, and checks every
 * mirror body a set refers to the same way.
 */
public final class VerifyRun {

    private static final int BODY_FAILURES_SHOWN = 20;

    private final Appliance appliance;

    public VerifyRun(Appliance appliance) {
        this.appliance = appliance;
    }

    /**
     * Verifies set {@code selector} ({@code latest}, a date, or {@code all} for every complete set).
     *
     * @param decoder null for a quick check, or the decoder for a deep one
     * @return the number of artifacts that failed
     */
    public int run(String selector, ArtifactDecoder decoder, PrintStream out) throws IOException {
        return run(selector, decoder, Lines.text(out));
    }

    /**
     * Where verify's findings go, one per artifact, set or mirror: as text lines
     * ({@link #text(PrintStream)}) or collected for {@code verify --json}.
     */
    public interface Lines {
        /**
         * One artifact, set or mirror body.
         *
         * @param ok whether it passed
         * @param path its path on the store
         * @param detail what was found
         */
        void line(boolean ok, String path, String detail);

        /** A mirror's summary: every body a set references, read and checked. */
        void mirror(boolean ok, String mirror, String detail);

        /** {@code ok    <path>  <detail>} or {@code FAIL  …}; a mirror as {@code ok    <mirror>: <detail>}. */
        static Lines text(PrintStream out) {
            return new Lines() {
                @Override
                public void line(boolean ok, String path, String detail) {
                    out.printf("%-4s  %s  %s%n", ok ? "ok" : "FAIL", path, detail);
                }

                @Override
                public void mirror(boolean ok, String mirror, String detail) {
                    out.printf("%-4s  %s: %s%n", ok ? "ok" : "FAIL", mirror, detail);
                }
            };
        }
    }

    /** {@link #run(String, ArtifactDecoder, PrintStream)}, its findings to {@code out}. */
    public int run(String selector, ArtifactDecoder decoder, Lines out) throws IOException {
        SetCatalog catalog = appliance.catalog();
        List<SetCatalog.SetInfo> sets = new ArrayList<>();
        int failed = 0;
        if ("all".equals(selector)) {
            for (SetCatalog.SetInfo set : catalog.sets()) {
                if (set.state() == State.COMPLETE) {
                    sets.add(set);
                } else if (set.state() == State.DAMAGED || set.state() == State.UNTRUSTED) {
                    out.line(false, catalog.folderPath(set), set.state().label() + ": " + set.problem().orElse(""));
                    failed++;
                }
            }
        } else {
            sets.add(catalog.select(selector));
        }
        for (SetCatalog.SetInfo set : sets) {
            Manifest manifest = catalog.manifest(set);
            for (DatastoreRecord datastore : manifest.datastores()) {
                for (ArtifactRecord artifact : datastore.artifacts()) {
                    String path = StorePaths.join(catalog.folderPath(set), artifact.path());
                    String problem = check(path, artifact, decoder);
                    out.line(problem == null, path, problem == null
                            ? Sizes.bytes(artifact.storedBytes()) + (decoder == null ? " stored, sha256 matches" : " stored, "
                                    + Sizes.bytes(artifact.plainBytes()) + " plain, both sha256 match")
                            : problem);
                    if (problem != null) {
                        failed++;
                    } else if (decoder != null && Mirror.REFERENCES_FORMAT.equals(artifact.format())) {
                        failed += checkBodies(catalog.folderPath(set), datastore.name(), artifact, decoder, out);
                    }
                }
            }
        }
        return failed;
    }

    /**
     * Deep only: every body a set's references artifact names, read from the mirror and checked
     * (stored and plaintext size and SHA-256). Prints failures (the first {@value #BODY_FAILURES_SHOWN})
     * and one summary line; returns the number of bodies that failed.
     */
    private int checkBodies(String setFolder, String datastore, ArtifactRecord references, ArtifactDecoder decoder, Lines out)
            throws IOException {
        StoreArtifactSource source = new StoreArtifactSource(appliance.store(), decoder, setFolder, datastore);
        String mirror = references.subject();
        BodyTally tally = new BodyTally();
        StoreMirror.readReferences(source, references, body -> {
            tally.checked++;
            try (InputStream plain = source.openBody(body)) {
                plain.transferTo(OutputStream.nullOutputStream());
                tally.bytes += body.storedBytes();
            } catch (IOException | RuntimeException e) {
                if (++tally.failed <= BODY_FAILURES_SHOWN) {
                    out.line(false, mirror + "/" + MirrorLayout.pathInMirror(body), e.getMessage());
                }
            }
        });
        out.mirror(tally.failed == 0, mirror, tally.checked + " bodies referenced by " + setFolder
                + (tally.failed == 0 ? ", " + Sizes.bytes(tally.bytes) + " stored, both sha256 match" : ", " + tally.failed + " failed"));
        return tally.failed;
    }

    /** What {@link #checkBodies} counted. */
    private static final class BodyTally {
        long checked;
        long bytes;
        int failed;
    }

    private String check(String path, ArtifactRecord artifact, ArtifactDecoder decoder) {
        try (InputStream stored = appliance.store().read(path)) {
            if (decoder == null) {
                new StoredDigest(artifact.storedBytes(), artifact.storedSha256()).requireMatch(StoredDigest.of(stored));
            } else {
                try (InputStream plain = decoder.open(stored, artifact.digests())) {
                    plain.transferTo(OutputStream.nullOutputStream());
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }
}
