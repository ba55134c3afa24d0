package org.lifeboat.store;

import java.io.IOException;
import java.io.InputStream;

/** A source that yields {@code failAfter} bytes of data, then fails, as a broken dump would. */
final class FailingInputStream extends InputStream {

    static final String MESSAGE = "the source failed on purpose";

    private final long failAfter;
    private long delivered;

    FailingInputStream(long failAfter) {
        this.failAfter = failAfter;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (delivered >= failAfter) {
            throw new IOException(MESSAGE);
        }
        int n = (int) Math.min(length, failAfter - delivered);
        for (int i = 0; i < n; i++) {
            bytes[offset + i] = (byte) (delivered + i);
        }
        delivered += n;
        return n;
    }
}
