package org.lifeboat.datastore.minio;

import java.io.IOException;
import java.io.InputStream;

/**
 * The one-byte {@code read()} of a stream that does its work in its block read (bounds, chunks,
 * digests): a block read of one byte, so that a byte read alone passes the same checks.
 */
final class OneByteReads {

    private OneByteReads() {
    }

    /** The next byte of {@code stream} read as a block of one, or -1 at its end; does not close it. */
    static int read(InputStream stream) throws IOException {
        byte[] one = new byte[1];
        return stream.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }
}
