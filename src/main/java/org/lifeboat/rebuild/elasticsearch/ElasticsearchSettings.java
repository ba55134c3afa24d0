package org.lifeboat.rebuild.elasticsearch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach one Elasticsearch cluster.
 *
 * @param urls one or more node URLs, {@code http(s)://host:port}, without credentials (refused if
 *     they hold any); requests go to them in turn
 * @param user basic-authentication user, or {@code null} for none
 * @param passwordFile the user's password on the first line of a 0600 file, or {@code null}
 * @param apiKeyFile an API key (the base64 {@code id:key} form Elasticsearch returns as
 *     {@code encoded}) on the first line of a 0600 file, or {@code null}; not with {@code user}
 * @param connectTimeout how long to wait for a connection ({@code PT10S} if {@code null})
 * @param requestTimeout how long to wait for one answer, a bulk request's included ({@code PT2M} if {@code null})
 */
public record ElasticsearchSettings(
        List<URI> urls,
        String user,
        Path passwordFile,
        Path apiKeyFile,
        Duration connectTimeout,
        Duration requestTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);

    public ElasticsearchSettings {
        urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no Elasticsearch URL");
        }
        for (URI url : urls) {
            if (url.getUserInfo() != null) {
                throw new IllegalArgumentException("the Elasticsearch URL '" + url.getScheme() + "://***@" + url.getHost()
                        + "' holds credentials: give user and password-file (or api-key-file) instead");
            }
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException("the Elasticsearch URL '" + url + "' is not http(s)://host:port");
            }
        }
        if (user != null && apiKeyFile != null) {
            throw new IllegalArgumentException("both a user and an API key for Elasticsearch: give one");
        }
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
    }

    /** A cluster without authentication, default timeouts. */
    public static ElasticsearchSettings of(String url) {
        return new ElasticsearchSettings(List.of(URI.create(url)), null, null, null, null, null);
    }

    /** The URLs, for messages: {@code http://host:9200} or {@code http://a:9200,http://b:9200}. */
    public String describe() {
        return String.join(",", urls.stream().map(URI::toString).toList());
    }
}
