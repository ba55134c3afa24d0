package org.lifeboat.datastore.minio;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one HTTP/1.1 answer for {@link S3RawRequests}: the status line, the headers as wire
 * strings (ISO-8859-1, so every byte is kept), and a body bounded by {@code Content-Length}, by
 * chunked encoding, or by the end of the connection.
 */
final class HttpAnswer {

    private static final int HEAD_LIMIT = 256 * 1024;

    private HttpAnswer() {
    }

    /** The answer on {@code in}; its body closes {@code socket}. */
    static S3RawRequests.Response read(InputStream in, Socket socket, boolean noBody) throws IOException {
        String status = line(in);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.1 answer: '" + ObjectKeys.printable(status) + "'");
        }
        int code = Integer.parseInt(parts[1]);
        Map<String, String> headers = new TreeMap<>();
        int total = 0;
        for (String line; !(line = line(in)).isEmpty(); ) {
            total += line.length();
            if (total > HEAD_LIMIT) {
                throw new IOException("the answer's headers pass " + HEAD_LIMIT + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("a malformed header line in the answer: '" + ObjectKeys.printable(line) + "'");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            headers.merge(name, value, (a, b) -> a + "," + b);
        }
        InputStream body;
        String length = headers.get("content-length");
        if (noBody || code == 204 || code == 304) {
            body = InputStream.nullInputStream();
        } else if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            body = new Chunked(in);
        } else if (length != null) {
            body = new Bounded(in, Long.parseLong(length));
        } else {
            body = in;
        }
        return new S3RawRequests.Response(code, headers, S3RawRequests.closingSocket(body, socket));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new EOFException("the connection ended inside the answer's headers");
            }
            if (line.size() > HEAD_LIMIT) {
                throw new IOException("an answer's header line passes " + HEAD_LIMIT + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** A body read from the connection {@code in}, {@code left} bytes to go (of the body, or of the chunk). */
    private abstract static class Body extends InputStream {
        final InputStream in;
        long left;

        Body(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            return OneByteReads.read(this);
        }

        /** Where in the body the connection ended, for the error. */
        abstract String ended();

        /** Reads at most {@code left} bytes of what {@code in} has; the end of the connection is an error saying {@link #ended()}. */
        final int readLeft(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the connection ended " + ended());
            }
            left -= n;
            return n;
        }
    }

    /** Exactly {@code length} bytes; fewer before the end of the connection is an error. */
    private static final class Bounded extends Body {

        Bounded(InputStream in, long length) {
            super(in, length);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            return readLeft(b, off, len);
        }

        @Override
        String ended() {
            return left + " bytes before the body's end";
        }
    }

    /** A chunked body, trailers skipped. */
    private static final class Chunked extends Body {
        private boolean done;

        Chunked(InputStream in) {
            super(in, 0);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                int semicolon = size.indexOf(';');
                left = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
                if (left == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers: none are used
                    }
                    done = true;
                    return -1;
                }
            }
            int n = readLeft(b, off, len);
            if (left == 0) {
                line(in); // the CRLF after the chunk
            }
            return n;
        }

        @Override
        String ended() {
            return "inside a chunk";
        }
    }
}
