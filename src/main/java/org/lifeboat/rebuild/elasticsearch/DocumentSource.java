package org.lifeboat.rebuild.elasticsearch;

import java.io.IOException;

/**
 * A restored datastore's documents, read one at a time: memory holds one fetch batch, whatever
 * the source's size. Each call opens and closes its own connection, so a call may be repeated.
 */
interface DocumentSource {

    /** Receives documents one by one. */
    interface Sink {
        /**
         * @param id the document's id
         * @param json one JSON object, UTF-8; the sink may keep the array (the source never reuses it)
         */
        void accept(String id, byte[] json) throws IOException;
    }

    /** What is read, for reports and messages, without credentials: {@code postgres query on postgresql://u@h:5432/app}. */
    String describe();

    /** Streams every document to {@code sink} in the source's order and returns how many there were. */
    long read(Sink sink) throws IOException;

    /** How many documents {@link #read} would give now (the hook mode's expected count). */
    long count() throws IOException;

    /** The source for {@code settings}. */
    static DocumentSource of(DocumentSourceSettings settings) {
        // a sealed interface of two: Java 17 has no pattern switch yet
        if (settings instanceof PostgresQuerySettings pg) {
            return new PostgresDocumentSource(pg);
        }
        return new MongoDocumentSource((MongoCollectionSettings) settings);
    }
}
