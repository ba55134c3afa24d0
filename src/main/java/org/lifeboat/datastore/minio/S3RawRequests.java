package org.lifeboat.datastore.minio;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The few S3 requests the MinIO SDK cannot make exactly, sent as HTTP/1.1 over a socket of their
 * own: an object whose key has a {@code .} or {@code ..} segment (the SDK refuses such keys, and
 * okhttp folds them out of any URL), and an object whose headers or user metadata hold bytes
 * outside US-ASCII (okhttp reads header bytes as UTF-8, losing any that are not, and the JDK's
 * clients rewrite them when they send). Paths go out exactly as encoded; header values are wire
 * strings (one char per byte, see {@link S3Signature}). One connection per request
 * ({@code Connection: close}): only these rare objects take this way, every other one the SDK's.
 */
final class S3RawRequests {

    private static final int CONNECT_TIMEOUT_MILLIS = (int) TimeUnit.SECONDS.toMillis(15);
    private static final int READ_TIMEOUT_MILLIS = (int) TimeUnit.MINUTES.toMillis(5);
    private static final String PROBE_HEADER = "x-amz-meta-lifeboat-probe";

    private final URI endpoint;
    private final S3Signature signature;
    private volatile S3Signature.Convention convention;

    S3RawRequests(MinioSettings settings, String region) {
        this.endpoint = URI.create(settings.endpoint());
        this.signature = new S3Signature(settings.accessKey(), settings.secretKey(), region);
    }

    /** A failed request: the HTTP status and S3's error code ({@code NoSuchKey}), if it sent one. */
    static final class Failure extends IOException {
        private final int status;
        private final String code;

        Failure(int status, String code, String message) {
            super(status + " " + (code == null ? "" : code + ": ") + message);
            this.status = status;
            this.code = code;
        }

        int status() {
            return status;
        }

        String code() {
            return code;
        }
    }

    /**
     * An answer: its headers (lower-case names → wire values; a repeated header's values joined by
     * {@code ,}) and its body, which the caller owns and must close (that closes the connection).
     */
    record Response(int status, Map<String, String> headers, InputStream body) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /** GET of one object; a status other than 200 throws {@link Failure}. */
    Response get(String bucket, String key) throws IOException {
        return send("GET", bucket, key, "", new TreeMap<>(), null, 0);
    }

    /** HEAD of one object: its headers as the server stores them, byte for byte; a status other than 200 throws {@link Failure}. */
    Map<String, String> head(String bucket, String key) throws IOException {
        try (Response response = send("HEAD", bucket, key, "", new TreeMap<>(), null, 0)) {
            return response.headers();
        }
    }

    /**
     * PUT of one object of {@code size} bytes read from {@code body} (the caller's, not closed).
     *
     * @param headers lower-case names → wire values (Content-Type, x-amz-meta-…)
     */
    void put(String bucket, String key, TreeMap<String, String> headers, InputStream body, long size) throws IOException {
        send("PUT", bucket, key, "", headers, body, size).close();
    }

    /** Server-side copy, headers and metadata included ({@code x-amz-metadata-directive: COPY}). */
    void copy(String fromBucket, String fromKey, String bucket, String key) throws IOException {
        TreeMap<String, String> headers = new TreeMap<>();
        headers.put("x-amz-copy-source", "/" + fromBucket + "/" + S3Signature.encodePath(fromKey));
        headers.put("x-amz-metadata-directive", "COPY");
        try (Response response = send("PUT", bucket, key, "", headers, null, 0)) {
            String answer = new String(response.body().readNBytes(64 * 1024), StandardCharsets.UTF_8);
            if (answer.contains("<Error>")) { // S3 may answer a failed copy with 200 and an error document
                throw new Failure(response.status(), between(answer, "<Code>", "</Code>"), between(answer, "<Message>", "</Message>"));
            }
        }
    }

    void delete(String bucket, String key) throws IOException {
        send("DELETE", bucket, key, "", new TreeMap<>(), null, 0).close();
    }

    private Response send(String method, String bucket, String key, String query, TreeMap<String, String> headers, InputStream body,
            long size) throws IOException {
        boolean ascii = headers.values().stream().allMatch(S3RawRequests::isAscii);
        S3Signature.Convention used = ascii ? S3Signature.Convention.BYTES : convention(bucket);
        return exchange(method, "/" + bucket + "/" + S3Signature.encodePath(key), query, headers, body, size, used);
    }

    /**
     * Which signature convention this server checks non-ASCII header bytes with, found once by a
     * request that changes nothing (the bucket's location) carrying one such header.
     */
    private S3Signature.Convention convention(String bucket) throws IOException {
        if (convention != null) {
            return convention;
        }
        IOException last = null;
        for (S3Signature.Convention candidate : S3Signature.Convention.values()) {
            TreeMap<String, String> probe = new TreeMap<>();
            probe.put(PROBE_HEADER, "caf\u00c3\u00a9"); // "café" as UTF-8 bytes
            try (Response response = exchange("GET", "/" + bucket, "location=", probe, null, 0, candidate)) {
                response.body().transferTo(OutputStream.nullOutputStream());
                convention = candidate;
                return candidate;
            } catch (Failure e) {
                if (!"SignatureDoesNotMatch".equals(e.code())) {
                    throw e;
                }
                last = e;
            }
        }
        throw new IOException("bucket '" + bucket + "': the server accepts no signature over header bytes outside US-ASCII ("
                + last.getMessage() + ")", last);
    }

    private Response exchange(String method, String path, String query, TreeMap<String, String> given, InputStream body, long size,
            S3Signature.Convention used) throws IOException {
        TreeMap<String, String> headers = new TreeMap<>();
        given.forEach((name, value) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), value)); // SigV4 signs lower-case names
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getValue().indexOf('\r') >= 0 || header.getValue().indexOf('\n') >= 0) {
                throw new IOException("header '" + header.getKey() + "' holds a line break, which no HTTP request can carry");
            }
        }
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : "https".equals(endpoint.getScheme()) ? 443 : 80;
        headers.put("host", endpoint.getHost() + (endpoint.getPort() > 0 ? ":" + port : ""));
        signature.sign(method, path, query, headers, used);
        Socket socket = open(endpoint.getHost(), port);
        try {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            StringBuilder head = new StringBuilder(method + " " + path + (query.isEmpty() ? "" : "?" + query) + " HTTP/1.1\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("content-length: ").append(size).append("\r\nconnection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                long copied = body.transferTo(new BoundedOutput(out, size));
                if (copied != size) {
                    throw new IOException("the body ended after " + copied + " of " + size + " bytes");
                }
            }
            out.flush();
            Response response = HttpAnswer.read(new BufferedInputStream(socket.getInputStream(), 64 * 1024), socket, "HEAD".equals(method));
            if (response.status() / 100 != 2) {
                String answer;
                try (response) {
                    answer = new String(response.body().readNBytes(64 * 1024), StandardCharsets.UTF_8);
                }
                throw new Failure(response.status(), between(answer, "<Code>", "</Code>"), between(answer, "<Message>", "</Message>"));
            }
            return response;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private Socket open(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            if ("https".equals(endpoint.getScheme())) {
                SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, host, port, true);
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                return tls;
            }
            return socket;
        } catch (IOException e) {
            socket.close();
            throw new IOException("unable to connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    static boolean isAscii(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\t');
    }

    private static String between(String text, String open, String close) {
        int start = text.indexOf(open);
        int end = start < 0 ? -1 : text.indexOf(close, start);
        return end < 0 ? null : text.substring(start + open.length(), end);
    }

    /** Writes at most {@code limit} bytes to {@code out}; more is an error (the body is larger than announced). */
    private static final class BoundedOutput extends OutputStream {
        private final OutputStream out;
        private long left;

        BoundedOutput(OutputStream out, long limit) {
            this.out = out;
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                throw new IOException("the body is longer than its announced size");
            }
            out.write(b, off, len);
            left -= len;
        }
    }

    /** A body that closes the socket with it. */
    static InputStream closingSocket(InputStream in, Socket socket) {
        return new FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }
}
