package org.lifeboat.datastore.minio;

import io.minio.MinioClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;

/**
 * One S3 server as the datastore sees it: a MinIO SDK client and the prefix every message starts
 * with ({@code minio (http://127.0.0.1:9000)}). The secret key goes to the client only; it is never
 * part of a message.
 */
final class MinioEndpoint {

    private static final long CONNECT_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(15);
    private static final long TRANSFER_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(5);
    /** The region the raw requests are signed for: MinIO's and S3Proxy's default (AWS buckets elsewhere refuse them). */
    private static final String SIGNING_REGION = "us-east-1";

    private final String describe;
    private final MinioClient client;
    private final S3RawRequests raw;

    MinioEndpoint(String describe, MinioSettings settings) {
        this.describe = describe;
        this.client = MinioClient.builder().endpoint(settings.endpoint())
                .credentials(settings.accessKey(), settings.secretKey()).build();
        client.setTimeout(CONNECT_TIMEOUT_MILLIS, TRANSFER_TIMEOUT_MILLIS, TRANSFER_TIMEOUT_MILLIS);
        this.raw = new S3RawRequests(settings, SIGNING_REGION);
    }

    /** The requests the SDK cannot make exactly (see {@link S3RawRequests}). */
    S3RawRequests raw() {
        return raw;
    }

    MinioClient client() {
        return client;
    }

    /** {@code name (endpoint)}, the start of every message. */
    String describe() {
        return describe;
    }

    /** A failure of {@code what} (for example {@code bucket 'photos': list objects}) with context. */
    IOException failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException(describe + ": " + what + ": interrupted");
            interrupted.initCause(e);
            return interrupted;
        }
        return new IOException(describe + ": " + what + ": " + S3Errors.reason(e), e);
    }

    /** Runs one SDK call; any failure becomes an IOException naming {@code what}. */
    <T> T call(String what, S3Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (Exception e) {
            throw failure(what, e);
        }
    }

    /** One SDK call. */
    @FunctionalInterface
    interface S3Call<T> {
        T run() throws Exception;
    }
}
