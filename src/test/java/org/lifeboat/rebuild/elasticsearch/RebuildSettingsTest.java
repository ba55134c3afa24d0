package org.lifeboat.rebuild.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The settings records' defaults and refusals, and the versioned index names. */
class RebuildSettingsTest {

    private static final PostgresQuerySettings SOURCE = new PostgresQuerySettings("db", 0, "u", null, "app", "SELECT 1, '{}'", null, 0);

    @Test
    void defaults() {
        BulkIndexSettings index = new BulkIndexSettings("people", SOURCE, Path.of("people.json"), 0, 0, null, false);
        assertEquals(5L << 20, index.bulkBytes());
        assertEquals(1000, index.bulkDocuments());
        assertEquals(1L, index.minimumDocuments());
        assertEquals(5432, SOURCE.port());
        assertEquals(1000, SOURCE.fetchSize());
        ElasticsearchSettings es = ElasticsearchSettings.of("http://127.0.0.1:9200");
        assertEquals("PT10S", es.connectTimeout().toString());
        assertEquals("PT2M", es.requestTimeout().toString());
        HookSettings hook = new HookSettings(null, null, URI.create("http://app/reindex"), null, null, null, "http://app/status", null, null,
                null, null, null, null, null, null);
        assertEquals("POST", hook.triggerMethod());
        assertEquals("status", hook.statusField());
        assertEquals(java.util.Set.of("completed"), hook.completedValues());
        assertEquals("PT1H", hook.timeout().toString());
    }

    @Test
    void credentialsInAnElasticsearchUrlAreRefusedWithoutEchoingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ElasticsearchSettings(List.of(URI.create("https://elastic:s3cret@es.example:9200")), null, null, null, null, null));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(e.getMessage().contains("holds credentials"), e.getMessage());
    }

    @Test
    void aUserAndAnApiKeyTogetherAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ElasticsearchSettings(List.of(URI.create("http://es:9200")), "elastic",
                Path.of("pw"), Path.of("key"), null, null));
    }

    @Test
    void anAliasThatIsNoIndexNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BulkIndexSettings("People", SOURCE, Path.of("f"), 0, 0, null, false));
        assertThrows(IllegalArgumentException.class, () -> new BulkIndexSettings("_people", SOURCE, Path.of("f"), 0, 0, null, false));
    }

    @Test
    void aStatusUrlWithIdNeedsAJobIdFieldAndTheOtherWayRound() {
        assertThrows(IllegalArgumentException.class, () -> new HookSettings(null, null, URI.create("http://app/reindex"), null, null, null,
                "http://app/status/{id}", null, null, null, null, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new HookSettings(null, null, URI.create("http://app/reindex"), null, null, "job",
                "http://app/status", null, null, null, null, null, null, null, null));
    }

    @Test
    void versionedNamesAreUtcMillisecondsAndRecognisedOnlyForTheirAlias() {
        String name = IndexAliases.versionedName("people", ZonedDateTime.parse("2026-11-22T15:30:15.042+01:00"));
        assertEquals("people-20261122-143015-042", name);
        assertTrue(IndexAliases.isVersionOf("people", name));
        assertFalse(IndexAliases.isVersionOf("people", "people-archive"));
        assertFalse(IndexAliases.isVersionOf("peo", name));
        assertFalse(IndexAliases.isVersionOf("people", "people-2026112-143015-0420"));
    }
}
