package org.lifeboat.datastore.minio;

import io.minio.MinioClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;

/**
 * One S3 server as the datastore sees it: a MinIO SDK client and the prefix every log line starts
 * with ({@code minio (http://127.0.0.1:9000)}). Exceptions do not start with it: the run that calls
 * the datastore names it, once. The secret key goes to the client only; it is never part of a
 * message.
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

    /** {@code name (endpoint)}, the start of every log line. */
    String describe() {
        return describe;
    }

    /**
     * A failure of {@code what} (for example {@code bucket 'photos': list objects}): a
     * {@link CallFailure}, or an {@link InterruptedIOException}; either already names its bucket
     * and object, so callers pass it on as it is.
     */
    IOException failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException(what + ": interrupted");
            interrupted.initCause(e);
            return interrupted;
        }
        return new CallFailure(what + ": " + S3Errors.reason(e), e);
    }

    /** A failed S3 call whose message already names what it was doing (its bucket and object). */
    static final class CallFailure extends IOException {
        private static final long serialVersionUID = 1L;

        CallFailure(String message, Exception cause) {
            super(message, cause);
        }
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
