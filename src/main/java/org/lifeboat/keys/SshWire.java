package org.lifeboat.keys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The SSH wire encoding (RFC 4251): {@code uint32} lengths before {@code string}s, big-endian. */
final class SshWire {

    private SshWire() {
    }

    /** Builds a byte sequence of SSH wire values. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Writer uint32(int value) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
            return this;
        }

        Writer string(byte[] bytes) {
            return uint32(bytes.length).raw(bytes);
        }

        Writer string(String text) {
            return string(text.getBytes(StandardCharsets.UTF_8));
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Reads SSH wire values in order; every read past the end throws naming {@code what}. */
    static final class Reader {
        private final ByteBuffer buffer;
        private final String what;

        Reader(byte[] bytes, String what) {
            this.buffer = ByteBuffer.wrap(bytes);
            this.what = what;
        }

        byte[] raw(int length) throws IOException {
            if (length < 0 || buffer.remaining() < length) {
                throw new IOException(what + " is truncated");
            }
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            return bytes;
        }

        int uint32() throws IOException {
            if (buffer.remaining() < 4) {
                throw new IOException(what + " is truncated");
            }
            return buffer.getInt();
        }

        byte[] string() throws IOException {
            return raw(uint32());
        }

        String text() throws IOException {
            return new String(string(), StandardCharsets.UTF_8);
        }

        boolean atEnd() {
            return !buffer.hasRemaining();
        }
    }
}
