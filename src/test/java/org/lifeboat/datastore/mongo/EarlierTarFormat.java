package org.lifeboat.datastore.mongo;

import com.mongodb.client.MongoDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.lifeboat.datastore.ArtifactOutput;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.manifest.ArtifactRecord;

/**
 * Writes a database in the format sets were written in before one artifact per file: one
 * {@value MongoDumpDatastore#TAR_FORMAT} artifact {@code <db>.tar} (POSIX/PAX names), holding the
 * folder entry, then per collection (by name) its {@code .metadata.json} and its {@code .bson},
 * names escaped by the earlier rule, as {@code DatabaseDump} wrote it up to then. For the tests
 * that old sets still restore; it holds a collection in memory, which is fine for test data.
 */
final class EarlierTarFormat {

    private EarlierTarFormat() {
    }

    static ArtifactRecord write(ArtifactSink sink, MongoDatabase database, Map<String, Long> counts) throws IOException {
        String db = database.getName();
        List<BsonDocument> listed = database.listCollections(BsonDocument.class).into(new ArrayList<>());
        listed.removeIf(c -> c.getString("name").getValue().startsWith("system."));
        listed.sort(Comparator.comparing(c -> c.getString("name").getValue()));
        try (ArtifactOutput out = sink.create(DumpNames.archiveFile(db), db, MongoDumpDatastore.TAR_FORMAT)) {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.putArchiveEntry(new TarArchiveEntry(DumpNames.escape(db) + "/"));
            tar.closeArchiveEntry();
            for (BsonDocument entry : listed) {
                String name = entry.getString("name").getValue();
                CollectionMetadata metadata = CollectionMetadata.of(entry,
                        database.getCollection(name).listIndexes(BsonDocument.class).into(new ArrayList<>()));
                put(tar, DumpNames.escape(db) + "/" + DumpNames.escape(name) + DumpNames.METADATA_SUFFIX, metadata.toJson());
                ByteArrayOutputStream bson = new ByteArrayOutputStream();
                long documents = 0;
                for (RawBsonDocument document : database.getCollection(name, RawBsonDocument.class).find()) {
                    ByteBuffer bytes = document.getByteBuffer().asNIO();
                    bson.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                    documents++;
                }
                put(tar, DumpNames.bsonEntry(db, name), bson.toByteArray());
                counts.put(name, documents);
            }
            tar.finish();
            return out.finish();
        }
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
