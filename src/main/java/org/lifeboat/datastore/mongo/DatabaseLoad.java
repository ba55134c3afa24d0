package org.lifeboat.datastore.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.manifest.ArtifactRecord;

/**
 * Loads one database into temporary collections beside the live ones and checks each against the
 * manifest's count, from one of two formats: an artifact per file of the mongodump folder
 * ({@link #loadCollection}: a collection's metadata artifact, then its documents artifact), or the
 * earlier single tar of the whole folder ({@link #load}), read in one pass: a collection's
 * metadata comes first (the temporary collection is created from it), then its documents.
 */
final class DatabaseLoad {

    /** A metadata file larger than this is not one (it is read into memory). */
    private static final long METADATA_LIMIT = 16L * 1024 * 1024;

    private final MongoDatabase database;
    /** Live name → its load, in tar order; views apart. */
    private final Map<String, CollectionLoad> collections = new LinkedHashMap<>();
    private final Map<String, CollectionMetadata> views = new LinkedHashMap<>();
    private final Map<String, CollectionLoad> viewLoads = new LinkedHashMap<>();

    DatabaseLoad(MongoDatabase database) {
        this.database = database;
    }

    String name() {
        return database.getName();
    }

    Map<String, CollectionLoad> collections() {
        return collections;
    }

    Map<String, CollectionMetadata> views() {
        return views;
    }

    /** The temporary collection of each loaded view, by the view's live name. */
    Map<String, CollectionLoad> viewLoads() {
        return viewLoads;
    }

    /** Reads {@code artifact} to its end (so its digests are checked) and loads it. */
    void load(ArtifactSource source, ArtifactRecord artifact, Map<String, Long> expected) throws IOException {
        String db = database.getName();
        try (InputStream in = source.open(artifact)) {
            TarArchiveInputStream tar = new TarArchiveInputStream(in); // closing `in` is enough
            CollectionMetadata pending = null;
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                if (name.endsWith(DumpNames.METADATA_SUFFIX) && entry.getSize() <= METADATA_LIMIT) {
                    String fallback = name.substring(name.lastIndexOf('/') + 1, name.length() - DumpNames.METADATA_SUFFIX.length());
                    CollectionMetadata metadata = CollectionMetadata.parse(tar.readAllBytes(), fallback);
                    if (pending != null) { // a collection without a .bson file has no documents
                        finish(pending, InputStream.nullInputStream(), name, expected);
                    }
                    pending = metadata.isView() ? null : metadata;
                    begin(metadata);
                } else if (pending != null && name.equals(DumpNames.bsonEntry(db, pending.name()))) {
                    finish(pending, tar, name, expected);
                    pending = null;
                } else {
                    throw new IOException("unexpected entry '" + name + "'");
                }
            }
            if (pending != null) {
                finish(pending, InputStream.nullInputStream(), DumpNames.bsonEntry(db, pending.name()), expected);
            }
            in.transferTo(OutputStream.nullOutputStream()); // the tar's end padding: digests are checked at the very end
        } catch (IOException e) {
            throw new IOException("unable to restore database '" + db + "' from '" + artifact.path() + "': " + e.getMessage(), e);
        }
        checkNothingMissing(expected, "'" + artifact.path() + "'");
    }

    /**
     * Loads one collection or view from its own artifacts, each read to its end (so its digests
     * are checked): {@code metadata} ({@value MongoDumpDatastore#METADATA_FORMAT}), then
     * {@code bson} ({@value MongoDumpDatastore#BSON_FORMAT}), {@code null} for a view.
     */
    void loadCollection(ArtifactSource source, ArtifactRecord metadata, ArtifactRecord bson, Map<String, Long> expected) throws IOException {
        String db = database.getName();
        CollectionMetadata parsed;
        try (InputStream in = source.open(metadata)) {
            byte[] json = in.readNBytes((int) METADATA_LIMIT + 1);
            if (json.length > METADATA_LIMIT) {
                throw new IOException("a metadata file over " + METADATA_LIMIT + " bytes");
            }
            in.transferTo(OutputStream.nullOutputStream()); // already at the end: digests are checked there
            String file = metadata.path().substring(metadata.path().lastIndexOf('/') + 1);
            parsed = CollectionMetadata.parse(json, file.substring(0, Math.max(0, file.indexOf(DumpNames.METADATA_SUFFIX))));
        } catch (IOException | RuntimeException e) { // a RuntimeException: JSON that does not parse
            throw new IOException("unable to restore database '" + db + "' from '" + metadata.path() + "': " + e.getMessage(), e);
        }
        String what = "'" + metadata.path() + "' holds " + parsed.type() + " '" + db + "." + parsed.name() + "'";
        if (collections.containsKey(parsed.name()) || views.containsKey(parsed.name())) {
            throw new IOException(what + " a second time");
        }
        if (parsed.isView() != (bson == null)) {
            throw new IOException(what + (bson == null ? ", but the set has no documents artifact after it"
                    : ", but the set has a documents artifact for it: '" + bson.path() + "'"));
        }
        try {
            begin(parsed);
            if (bson != null) {
                try (InputStream in = source.open(bson)) {
                    finish(parsed, in, bson.path(), expected);
                    in.transferTo(OutputStream.nullOutputStream()); // already at the end: digests are checked there
                }
            }
        } catch (IOException e) {
            throw new IOException("unable to restore database '" + db + "' from '" + (bson == null ? metadata : bson).path()
                    + "': " + e.getMessage(), e);
        }
    }

    /** Fails if a collection the manifest counts was not loaded from {@code where}. */
    void checkNothingMissing(Map<String, Long> expected, String where) throws IOException {
        List<String> missing = new ArrayList<>(expected.keySet());
        missing.removeAll(collections.keySet());
        if (!missing.isEmpty()) {
            throw new IOException(where + " lacks collections of database '" + database.getName()
                    + "' that the manifest lists: " + String.join(", ", missing));
        }
    }

    private void begin(CollectionMetadata metadata) throws IOException {
        CollectionLoad load = new CollectionLoad(database, metadata);
        if (metadata.isView()) {
            views.put(metadata.name(), metadata);
            viewLoads.put(metadata.name(), load);
        } else {
            collections.put(metadata.name(), load);
        }
        try {
            load.create();
        } catch (MongoException e) {
            throw new IOException("unable to create '" + database.getName() + "." + load.temporary() + "' for "
                    + metadata.type() + " '" + metadata.name() + "': " + e.getMessage(), e);
        }
    }

    private void finish(CollectionMetadata metadata, InputStream bson, String entry, Map<String, Long> expected) throws IOException {
        String namespace = database.getName() + "." + metadata.name();
        CollectionLoad load = collections.get(metadata.name());
        try {
            long read = load.insert(bson, entry);
            load.buildIndexes();
            long loaded = load.count();
            Long recorded = expected.get(metadata.name());
            if (recorded == null) {
                throw new IOException("collection '" + namespace + "' is not in the manifest");
            }
            if (read != recorded || loaded != recorded) {
                throw new IOException("collection '" + namespace + "': the manifest records " + recorded + " documents, the artifact held "
                        + read + ", the temporary collection has " + loaded);
            }
        } catch (MongoException e) {
            throw new IOException("unable to load collection '" + namespace + "' into '" + load.temporary() + "': " + e.getMessage(), e);
        }
    }

    /** Drops every temporary collection and view made so far; failures are the caller's to report. */
    void dropTemporaries() {
        for (CollectionLoad load : collections.values()) {
            database.getCollection(load.temporary()).drop();
        }
        for (CollectionLoad load : viewLoads.values()) {
            database.getCollection(load.temporary()).drop();
        }
    }
}
