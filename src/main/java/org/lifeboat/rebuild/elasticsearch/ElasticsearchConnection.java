package org.lifeboat.rebuild.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.lifeboat.rebuild.SecretFiles;

/**
 * An open Elasticsearch client for one step: the typed client for indices, aliases, bulk and
 * count, and its low-level client for requests whose body is a file as is (index creation). Every
 * request has the connect and request timeouts of the settings; credentials go in an
 * {@code Authorization} header and never into a URL or message. The caller owns it and must close it.
 */
final class ElasticsearchConnection implements AutoCloseable {

    private final ElasticsearchSettings settings;
    private final RestClient rest;
    private final ElasticsearchClient client;

    private ElasticsearchConnection(ElasticsearchSettings settings, RestClient rest) {
        this.settings = settings;
        this.rest = rest;
        this.client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
    }

    /** Reads the secrets (now, so a rotated one applies) and opens the client; nothing is sent yet. */
    static ElasticsearchConnection open(ElasticsearchSettings settings) throws IOException {
        List<Header> headers = new ArrayList<>();
        if (settings.apiKeyFile() != null) {
            headers.add(new BasicHeader("Authorization", "ApiKey " + SecretFiles.firstLine(settings.apiKeyFile())));
        } else if (settings.user() != null) {
            String password = settings.passwordFile() == null ? "" : SecretFiles.firstLine(settings.passwordFile());
            String pair = settings.user() + ":" + password;
            headers.add(new BasicHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
        }
        HttpHost[] hosts = settings.urls().stream().map(ElasticsearchConnection::host).toArray(HttpHost[]::new);
        int connectMillis = Math.toIntExact(settings.connectTimeout().toMillis());
        int requestMillis = Math.toIntExact(settings.requestTimeout().toMillis());
        RestClient rest = RestClient.builder(hosts)
                .setDefaultHeaders(headers.toArray(Header[]::new))
                .setRequestConfigCallback(config -> config.setConnectTimeout(connectMillis)
                        .setConnectionRequestTimeout(connectMillis).setSocketTimeout(requestMillis))
                .build();
        return new ElasticsearchConnection(settings, rest);
    }

    ElasticsearchClient client() {
        return client;
    }

    RestClient rest() {
        return rest;
    }

    /** The cluster's URLs, for messages (never credentials). */
    String describe() {
        return settings.describe();
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }

    private static HttpHost host(URI url) {
        int port = url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 9200;
        return new HttpHost(url.getHost(), port, url.getScheme());
    }
}
