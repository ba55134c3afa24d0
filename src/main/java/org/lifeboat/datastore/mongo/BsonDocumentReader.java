package org.lifeboat.datastore.mongo;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.bson.RawBsonDocument;

/**
 * Reads a {@code .bson} file (documents one after another, each starting with its little-endian
 * int32 length) one document at a time. Does not close the stream it is given.
 */
final class BsonDocumentReader {

    /** MongoDB's largest document (16 MiB) plus room for what mongodump tolerates. */
    static final int MAX_DOCUMENT = 16 * 1024 * 1024 + 16 * 1024;

    private final InputStream in;
    private final String what;

    /** @param what the file, for messages */
    BsonDocumentReader(InputStream in, String what) {
        this.in = in;
        this.what = what;
    }

    /** The next document, or {@code null} at the end of the stream. */
    RawBsonDocument next() throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length == 0) {
            return null;
        }
        if (header.length < 4) {
            throw new EOFException(what + ": truncated document length");
        }
        int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16 | (header[3] & 0xff) << 24;
        if (length < 5 || length > MAX_DOCUMENT) {
            throw new IOException(what + ": invalid document length " + length);
        }
        byte[] document = new byte[length];
        System.arraycopy(header, 0, document, 0, 4);
        int read = in.readNBytes(document, 4, length - 4);
        if (read != length - 4) {
            throw new EOFException(what + ": truncated document (" + (read + 4) + " of " + length + " bytes)");
        }
        if (document[length - 1] != 0) {
            throw new IOException(what + ": document does not end with a 0 byte");
        }
        return new RawBsonDocument(document);
    }
}
