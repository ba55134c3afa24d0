package org.lifeboat.datastore.minio;

import io.minio.MinioClient;
import io.minio.http.HttpUtils;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.jboss.logging.Logger;

/**
 * One S3 server as the datastore sees it: a MinIO SDK client and the prefix every log line starts
 * with ({@code minio (http://127.0.0.1:9000)}). Exceptions do not start with it: the run that calls
 * the datastore names it, once. The secret key goes to the client only; it is never part of a
 * message.
 *
 * <p>The SDK runs every request on its HTTP client's own threads and a caller only waits for it:
 * a caller interrupted (a transfer stopped by another's failure) leaves its request running. So
 * the endpoint keeps that client, lets it run as many requests at once as the most transfers
 * allow, and {@link #endInFlight} ends what is still running before anything is cleaned up.
 */
final class MinioEndpoint {

    private static final Logger LOG = Logger.getLogger(MinioEndpoint.class);

    private static final long CONNECT_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(15);
    private static final long TRANSFER_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(5);
    /** The region the raw requests are signed for: MinIO's and S3Proxy's default (AWS buckets elsewhere refuse them). */
    private static final String SIGNING_REGION = "us-east-1";

    /** How long {@link #endInFlight} waits for cancelled requests to end. */
    private static final long END_WAIT_MILLIS = TimeUnit.SECONDS.toMillis(30);
    private static final long END_POLL_MILLIS = 20;

    private final String describe;
    private final Dispatcher dispatcher;
    private final MinioClient client;
    private final S3RawRequests raw;
    private final int transfers;

    MinioEndpoint(String describe, MinioSettings settings) {
        this.describe = describe;
        this.transfers = settings.transfers();
        OkHttpClient http = HttpUtils.newDefaultHttpClient(CONNECT_TIMEOUT_MILLIS, TRANSFER_TIMEOUT_MILLIS, TRANSFER_TIMEOUT_MILLIS);
        this.dispatcher = http.dispatcher();
        // OkHttp's default is 5 requests per host: more transfers than that would wait in its queue
        dispatcher.setMaxRequestsPerHost(MinioSettings.MAX_TRANSFERS + 1);
        dispatcher.setMaxRequests(MinioSettings.MAX_TRANSFERS + 1);
        this.client = MinioClient.builder().endpoint(settings.endpoint()).httpClient(http)
                .credentials(settings.accessKey(), settings.secretKey()).build();
        this.raw = new S3RawRequests(settings, SIGNING_REGION);
    }

    /** Requests this endpoint's work may have in flight at once ({@code transfers}). */
    int transfers() {
        return transfers;
    }

    /** SDK requests running or queued now. */
    int inFlight() {
        return dispatcher.runningCallsCount() + dispatcher.queuedCallsCount();
    }

    /**
     * Cancels every SDK request still running or queued and waits, at most
     * {@value #END_WAIT_MILLIS} ms, until none is: after a failure, before a scratch bucket is
     * removed or live data put back, so that no abandoned request writes after that. Returns
     * at once when nothing is in flight.
     */
    void endInFlight() {
        if (inFlight() == 0) {
            return;
        }
        dispatcher.cancelAll();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(END_WAIT_MILLIS);
        while (dispatcher.runningCallsCount() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(END_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (dispatcher.runningCallsCount() > 0) {
            LOG.warnf("%s: %d requests still running %d ms after they were cancelled", describe, dispatcher.runningCallsCount(),
                    END_WAIT_MILLIS);
        }
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
