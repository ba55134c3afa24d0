package org.lifeboat.datastore.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.bson.BsonDocument;
import org.jboss.logging.Logger;
import org.bson.RawBsonDocument;
import org.lifeboat.datastore.ArtifactOutput;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.manifest.ArtifactRecord;

/**
 * Writes one database as one artifact: a tar (POSIX/PAX names and sizes) holding, for every
 * collection, its {@code .metadata.json} and then its {@code .bson}, and for every view its
 * metadata only, as mongodump lays them out. Documents come from a cursor as raw BSON and go into
 * the tar untouched, through a {@link SpillBuffer} since a tar header needs the entry's size first.
 */
final class DatabaseDump {

    private static final Logger LOG = Logger.getLogger(DatabaseDump.class);

    /** Documents per cursor batch. */
    static final int BATCH_SIZE = 1000;
    /** A collection's BSON up to this size stays on the heap; beyond, it spills (encrypted). */
    static final long MEMORY_LIMIT = 8L * 1024 * 1024;

    private final String describe;
    private final MongoDatabase database;
    private final Set<String> excludedCollections;
    private final Path spillDirectory;

    DatabaseDump(String describe, MongoDatabase database, Set<String> excludedCollections, Path spillDirectory) {
        this.describe = describe;
        this.database = database;
        this.excludedCollections = excludedCollections;
        this.spillDirectory = spillDirectory;
    }

    /**
     * Writes {@code <db>.tar} through {@code sink}; puts each collection's document count (of the
     * documents written) into {@code counts} and each left-out collection into {@code excluded}.
     */
    ArtifactRecord write(ArtifactSink sink, Map<String, Long> counts, List<String> excluded) throws IOException {
        String db = database.getName();
        List<BsonDocument> listed = list(excluded);
        try (ArtifactOutput out = sink.create(DumpNames.archiveFile(db), db, MongoDumpDatastore.FORMAT)) {
            // not closed: closing would close the artifact, which must be finished instead
            TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            TarArchiveEntry folder = new TarArchiveEntry(DumpNames.escape(db) + "/");
            tar.putArchiveEntry(folder);
            tar.closeArchiveEntry();
            for (BsonDocument entry : listed) {
                String name = entry.getString("name").getValue();
                try {
                    writeCollection(tar, entry, counts);
                } catch (MongoException e) {
                    throw new IOException(describe + ": unable to read collection '" + db + "." + name + "': " + e.getMessage(), e);
                } catch (IOException e) {
                    throw new IOException(describe + ": unable to back up collection '" + db + "." + name + "': " + e.getMessage(), e);
                }
            }
            tar.finish();
            return out.finish();
        }
    }

    /** Collections and views to dump, by name; system collections are the server's own, views are in their metadata. */
    private List<BsonDocument> list(List<String> excluded) throws IOException {
        String db = database.getName();
        List<BsonDocument> selected = new ArrayList<>();
        try {
            for (BsonDocument entry : database.listCollections(BsonDocument.class)) {
                String name = entry.getString("name").getValue();
                String type = entry.getString("type", new org.bson.BsonString(CollectionMetadata.COLLECTION)).getValue();
                if (name.startsWith("system.")) {
                    continue;
                }
                if (excludedCollections.contains(db + "." + name)) {
                    excluded.add("collection " + db + "." + name);
                    continue;
                }
                if (!type.equals(CollectionMetadata.COLLECTION) && !type.equals(CollectionMetadata.VIEW)) {
                    throw new IOException(describe + ": collection '" + db + "." + name + "' is of type '" + type
                            + "', which dump mode does not back up: exclude it with exclude-collections");
                }
                selected.add(entry);
            }
        } catch (MongoException e) {
            throw new IOException(describe + ": unable to list the collections of database '" + db + "': " + e.getMessage(), e);
        }
        selected.sort(Comparator.comparing(e -> e.getString("name").getValue()));
        return selected;
    }

    private void writeCollection(TarArchiveOutputStream tar, BsonDocument listed, Map<String, Long> counts) throws IOException {
        String db = database.getName();
        String name = listed.getString("name").getValue();
        CollectionMetadata metadata;
        if (CollectionMetadata.VIEW.equals(listed.getString("type", new org.bson.BsonString("")).getValue())) {
            metadata = CollectionMetadata.of(listed, List.of());
        } else {
            metadata = CollectionMetadata.of(listed, database.getCollection(name).listIndexes(BsonDocument.class).into(new ArrayList<>()));
        }
        byte[] json = metadata.toJson();
        TarArchiveEntry metadataEntry = new TarArchiveEntry(DumpNames.metadataEntry(db, name));
        metadataEntry.setSize(json.length);
        tar.putArchiveEntry(metadataEntry);
        tar.write(json);
        tar.closeArchiveEntry();
        if (metadata.isView()) {
            return; // a view has no documents of its own (mongodump without --viewsAsCollections)
        }
        try (SpillBuffer bson = new SpillBuffer(MEMORY_LIMIT, spillDirectory)) {
            long started = System.nanoTime();
            long documents = 0;
            try (MongoCursor<RawBsonDocument> cursor = database.getCollection(name, RawBsonDocument.class).find()
                    .batchSize(BATCH_SIZE).iterator()) {
                while (cursor.hasNext()) {
                    ByteBuffer bytes = cursor.next().getByteBuffer().asNIO();
                    bson.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                    documents++;
                }
            }
            long read = System.nanoTime();
            TarArchiveEntry bsonEntry = new TarArchiveEntry(DumpNames.bsonEntry(db, name));
            bsonEntry.setSize(bson.size());
            tar.putArchiveEntry(bsonEntry);
            bson.writeTo(tar);
            tar.closeArchiveEntry();
            counts.put(name, documents);
            LOG.debugf("collection '%s.%s': %d documents, %d bytes of BSON, read in %.1f s, written in %.1f s%s", db, name, documents,
                    bson.size(), (read - started) / 1e9, (System.nanoTime() - read) / 1e9, bson.spillFile() == null ? "" : " (spilled)");
        }
    }
}
