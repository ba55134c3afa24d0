package org.lifeboat.rebuild.elasticsearch;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How the hook mode logs in to the application before it triggers the rebuild: one request to
 * {@code url} with the credentials file as its body; the token from the answer goes into a header
 * of every later call. Fetched again once if a call answers 401 (an expired token).
 *
 * @param url the token endpoint
 * @param credentialsFile the request body (for example {@code {"username":"…","password":"…"}} or a
 *     form {@code grant_type=client_credentials&client_id=…&client_secret=…}), a 0600 file
 * @param contentType of that body ({@code application/json} if {@code null})
 * @param tokenField the answer's JSON field holding the token, dots for nesting ({@code access_token} if {@code null})
 * @param headerName the header that carries it ({@code Authorization} if {@code null})
 * @param valuePrefix put before the token ({@code "Bearer "} if {@code null})
 */
public record TokenSettings(URI url, Path credentialsFile, String contentType, String tokenField, String headerName, String valuePrefix) {

    public TokenSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(credentialsFile, "credentialsFile");
        contentType = contentType == null ? "application/json" : contentType;
        tokenField = tokenField == null ? "access_token" : tokenField;
        headerName = headerName == null ? "Authorization" : headerName;
        valuePrefix = valuePrefix == null ? "Bearer " : valuePrefix;
    }
}
