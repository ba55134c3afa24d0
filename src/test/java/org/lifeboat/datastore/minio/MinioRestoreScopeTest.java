package org.lifeboat.datastore.minio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lifeboat.manifest.DatastoreRecord;

/**
 * A restore brings the configured scope to exactly the set's state: a bucket deleted on production
 * goes from staging too, but only once everything is loaded and checked, and never a bucket the
 * restore does not manage (excluded on staging, outside staging's bucket list, left out on
 * purpose by the backup, a scratch bucket). Both modes, between two S3Proxy 4.1.0 servers.
 */
class MinioRestoreScopeTest extends TwoS3Servers {

    @BeforeEach
    void fill() throws Exception {
        for (String bucket : List.of("docs", "media", "prod-only-logs")) {
            production.bucket(bucket);
            production.put(bucket, "a.txt", bucket.getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
        }
        for (String bucket : List.of("docs", "deleted-on-production", "staging-uploads", "prod-only-logs", "other-team")) {
            staging.bucket(bucket);
            staging.put(bucket, "old.txt", "old".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
        }
    }

    private DatastoreRecord backup(String mode) throws Exception {
        MinioSettings settings = new MinioSettings(mode, production.server.endpoint(), production.server.accessKey(),
                production.server.secretKey(), List.of(), List.of("prod-only-logs"), List.of());
        return artifacts.backup(new MinioDatastore("minio", settings));
    }

    private MinioDatastore staging(String mode, List<String> buckets, List<String> exclude) {
        return new MinioDatastore("minio", new MinioSettings(mode, staging.server.endpoint(), staging.server.accessKey(),
                staging.server.secretKey(), buckets, exclude, List.of()));
    }

    private static List<String> buckets() throws Exception {
        return staging.client().listBuckets().stream().map(b -> b.name()).sorted().toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {MinioSettings.CLONE, MinioSettings.RSYNC})
    void everyBucketInScopeThatTheSetLacksIsRemovedAndNoOther(String mode) throws Exception {
        DatastoreRecord recorded = backup(mode);
        artifacts.restore(staging(mode, List.of(), List.of("staging-uploads")), recorded);

        assertEquals(List.of("docs", "media", "prod-only-logs", "staging-uploads"), buckets(),
                "deleted-on-production and other-team are not in the set: removed; staging-uploads is excluded on staging;"
                        + " prod-only-logs was left out by the backup, so the set says nothing of it");
        assertEquals("docs", new String(staging.client().getObject(io.minio.GetObjectArgs.builder().bucket("docs")
                .object("a.txt").build()).readAllBytes(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {MinioSettings.CLONE, MinioSettings.RSYNC})
    void aConfiguredBucketListIsTheScope(String mode) throws Exception {
        DatastoreRecord recorded = backup(mode);
        artifacts.restore(staging(mode, List.of("docs", "deleted-on-production"), List.of()), recorded);

        assertEquals(List.of("docs", "other-team", "prod-only-logs", "staging-uploads"), buckets(),
                "only the listed buckets are managed: deleted-on-production goes, media (outside the list) is not restored,"
                        + " the unlisted ones stay");
        assertTrue(staging.fingerprint().contains("bucket docs\n  a.txt 4 "), staging.fingerprint());
    }

    @ParameterizedTest
    @ValueSource(strings = {MinioSettings.CLONE, MinioSettings.RSYNC})
    void nothingIsRemovedWhenTheSetFailsItsChecks(String mode) throws Exception {
        DatastoreRecord recorded = backup(mode);
        Path largest;
        try (Stream<Path> files = Files.walk(artifacts.storeRoot())) {
            largest = files.filter(Files::isRegularFile).filter(p -> p.toString().contains("docs"))
                    .max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
        try (FileChannel file = FileChannel.open(largest, StandardOpenOption.WRITE)) {
            file.truncate(file.size() / 2);
        }
        String before = staging.fingerprint();
        assertThrows(java.io.IOException.class, () -> artifacts.restore(staging(mode, List.of(), List.of()), recorded));
        assertEquals(before, staging.fingerprint(), "verify before destroy: every bucket as it was");
    }
}
