package org.lifeboat.pipeline;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts and SHA-256s every byte read through it. Closing it closes {@code source}. */
final class DigestingInputStream extends FilterInputStream {

    private final Sha256Counter digest = new Sha256Counter();

    DigestingInputStream(InputStream source) {
        super(source);
    }

    Sha256Counter digest() {
        return digest;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            digest.update(buffer, offset, n);
        }
        return n;
    }

    /** Reads (and digests) the rest of the stream; returns how many bytes that was. */
    long drain() throws IOException {
        long total = 0;
        byte[] buffer = new byte[8192];
        for (int n; (n = read(buffer, 0, buffer.length)) != -1; ) {
            total += n;
        }
        return total;
    }

    @Override
    public long skip(long n) throws IOException {
        // every byte must pass through read() to be digested
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        int read = buffer.length == 0 ? 0 : read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
