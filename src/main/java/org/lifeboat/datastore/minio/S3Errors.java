package org.lifeboat.datastore.minio;

import io.minio.errors.ErrorResponseException;

/**
 * Short, secret-free reasons for SDK failures. The SDK's own message of an error response spans
 * many lines (request and response dumps); only the S3 error code and message are kept.
 */
final class S3Errors {

    /** S3 error codes meaning "this server does not do that". */
    static final String NOT_IMPLEMENTED = "NotImplemented";

    private S3Errors() {
    }

    /** {@code NoSuchBucket: The specified bucket does not exist} or the exception's first line. */
    static String reason(Exception e) {
        if (e instanceof ErrorResponseException response && response.errorResponse() != null) {
            return response.errorResponse().code() + ": " + response.errorResponse().message();
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The S3 error code of {@code e}, or null if it is not an S3 error response. */
    static String code(Exception e) {
        if (e instanceof ErrorResponseException response && response.errorResponse() != null) {
            return response.errorResponse().code();
        }
        if (e instanceof S3RawRequests.Failure failure) {
            return failure.code();
        }
        return null;
    }
}
