package org.lifeboat.datastore.mongo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * One collection's or view's {@code <name>.metadata.json}, in mongodump's shape:
 * {@code {"options":{…},"indexes":[…],"uuid":"<hex>","collectionName":"…","type":"collection"|"view"}}
 * in canonical Extended JSON, so that every BSON type (an {@code int} key against a {@code double}
 * one, a validator's regular expression) survives the round trip.
 *
 * @param name the collection's name
 * @param type {@code collection} or {@code view}
 * @param options what {@code create} needs: validator, collation, capped size…; for a view {@code viewOn} and {@code pipeline}
 * @param indexes the index specifications as {@code listIndexes} gives them, without {@code ns}
 * @param uuid the collection's UUID as 32 hex digits, or {@code null}
 */
record CollectionMetadata(String name, String type, BsonDocument options, List<BsonDocument> indexes, String uuid) {

    static final String COLLECTION = "collection";
    static final String VIEW = "view";

    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    CollectionMetadata {
        indexes = List.copyOf(indexes);
    }

    /**
     * From one {@code listCollections} entry ({@code name}, {@code type}, {@code options},
     * {@code info.uuid}) and the collection's {@code listIndexes}.
     */
    static CollectionMetadata of(BsonDocument listed, List<BsonDocument> indexes) {
        String uuid = null;
        BsonDocument info = listed.getDocument("info", new BsonDocument());
        if (info.isBinary("uuid")) {
            BsonBinary binary = info.getBinary("uuid");
            if (binary.getType() == BsonBinarySubType.UUID_STANDARD.getValue()) {
                uuid = HexFormat.of().formatHex(binary.getData());
            }
        }
        List<BsonDocument> specs = new ArrayList<>();
        for (BsonDocument index : indexes) {
            BsonDocument spec = index.clone();
            spec.remove("ns"); // servers before 4.4 list it; newer ones refuse it in createIndexes
            specs.add(spec);
        }
        return new CollectionMetadata(listed.getString("name").getValue(), listed.getString("type", new BsonString(COLLECTION)).getValue(),
                listed.getDocument("options", new BsonDocument()), specs, uuid);
    }

    boolean isView() {
        return VIEW.equals(type);
    }

    /** The metadata file's bytes (UTF-8 JSON). */
    byte[] toJson() {
        BsonDocument json = new BsonDocument("options", options)
                .append("indexes", new BsonArray(new ArrayList<BsonValue>(indexes)));
        if (uuid != null) {
            json.append("uuid", new BsonString(uuid));
        }
        json.append("collectionName", new BsonString(name)).append("type", new BsonString(type));
        return json.toJson(JSON).getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a metadata file; {@code fallbackName} (from the file name) if it names no collection. */
    static CollectionMetadata parse(byte[] json, String fallbackName) {
        BsonDocument document = BsonDocument.parse(new String(json, StandardCharsets.UTF_8));
        List<BsonDocument> indexes = new ArrayList<>();
        for (BsonValue index : document.getArray("indexes", new BsonArray())) {
            indexes.add(index.asDocument());
        }
        String uuid = document.isString("uuid") ? document.getString("uuid").getValue() : null;
        return new CollectionMetadata(document.getString("collectionName", new BsonString(fallbackName)).getValue(),
                document.getString("type", new BsonString(COLLECTION)).getValue(), document.getDocument("options", new BsonDocument()),
                indexes, uuid);
    }
}
