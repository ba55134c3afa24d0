package org.lifeboat.deploy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * values.schema.json, enforced by real Helm: each environment's values with one thing wrong is
 * refused before anything is rendered, naming where.
 */
class HelmValuesSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path work;

    @Test
    void bothRolesAtOnce() throws IOException {
        assertRefused(HelmChart.PRODUCTION, v -> v.put("restore", Map.of("source-environment", "production")), "'not' failed");
    }

    @Test
    void noRole() throws IOException {
        assertRefused(HelmChart.PRODUCTION, v -> v.remove("backup"), "anyOf");
    }

    @Test
    void aDrillJobInTheBackupRole() throws IOException {
        assertRefused(HelmChart.PRODUCTION, v -> v.put("drillJob", Map.of("schedule", "0 6 * * *")), "'not' failed");
    }

    @Test
    void unknownModes() throws IOException {
        assertRefused(HelmChart.PRODUCTION, v -> config(v, "postgres").put("mode", "incremental"), "/datastores/postgres/config/mode");
        assertRefused(HelmChart.PRODUCTION, v -> config(v, "minio").put("mode", "sync"), "/datastores/minio/config/mode");
        assertRefused(HelmChart.PRODUCTION, v -> config(v, "mongo").put("mode", "dump"), "/datastores/mongo");
        // a mode of the program the chart cannot run: pgBackRest needs the database host's data directory
        assertRefused(HelmChart.PRODUCTION, v -> config(v, "postgres").put("mode", "differential"), "/datastores/postgres/config/mode");
    }

    @Test
    void anUnknownDatastoreOrKey() throws IOException {
        assertRefused(HelmChart.PRODUCTION, v -> datastores(v).put("redis", Map.of("schedule", "0 3 * * *")), "redis");
        assertRefused(HelmChart.PRODUCTION, v -> config(v, "postgres").put("hots", "db"), "hots");
        assertRefused(HelmChart.PRODUCTION, v -> config(v, "postgres").put("password-file", "/tmp/pw"), "password-file");
    }

    @Test
    void missingSecrets() throws IOException {
        assertRefused(HelmChart.PRODUCTION, v -> secrets(v).remove("signingKey"), "signingKey");
        assertRefused(HelmChart.PRODUCTION, v -> secrets(v).remove("recipients"), "recipients");
        assertRefused(HelmChart.PRODUCTION, v -> secrets(v).remove("sshKey"), "sshKey");
        assertRefused(HelmChart.PRODUCTION, v -> secrets(v).remove("stateIdentity"), "stateIdentity"); // MinIO mode rsync
        assertRefused(HelmChart.PRODUCTION, v -> datastore(v, "postgres").remove("passwordSecret"), "passwordSecret");
        assertRefused(HelmChart.PRODUCTION, v -> datastore(v, "mongo").remove("passwordSecret"), "passwordSecret");
        assertRefused(HelmChart.PRODUCTION, v -> datastore(v, "minio").remove("secretKeySecret"), "secretKeySecret");
        assertRefused(HelmChart.STAGING, v -> secrets(v).remove("identity"), "identity");
        assertRefused(HelmChart.STAGING, v -> secrets(v).remove("allowedSigners"), "allowedSigners");
    }

    @Test
    void productionsKeysNeverOnStaging() throws IOException {
        assertRefused(HelmChart.STAGING, v -> secrets(v).put("stateIdentity", Map.of("name", "x", "key", "state-identity.txt")),
                "'not' failed");
        assertRefused(HelmChart.STAGING, v -> secrets(v).put("signingKey", Map.of("name", "x", "key", "manifest-signing-key")),
                "'not' failed");
    }

    @Test
    void jobsOfTheWrongRoleOrWithoutTheirSettings() throws IOException {
        assertRefused(HelmChart.PRODUCTION, v -> datastore(v, "influx").remove("schedule"), "schedule");
        assertRefused(HelmChart.STAGING, v -> datastore(v, "postgres").put("schedule", "0 3 * * *"), "'not' failed");
        assertRefused(HelmChart.STAGING, v -> v.remove("drillJob"), "drillJob");
        assertRefused(HelmChart.PRODUCTION, v -> datastore(v, "postgres").put("schedule", "nightly"), "schedule");
    }

    private void assertRefused(Path values, Consumer<Map<String, Object>> change, String expected) throws IOException {
        Map<String, Object> map = load(values);
        change.accept(map);
        Path file = work.resolve("values-" + System.nanoTime() + ".yaml");
        YAML.writeValue(file.toFile(), map);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> HelmChart.template(file, Map.of()));
        assertTrue(e.getMessage().contains("values don't meet the specifications of the schema"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "'" + expected + "' missing from: " + e.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Path values) throws IOException {
        return YAML.readValue(values.toFile(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> datastores(Map<String, Object> values) {
        return (Map<String, Object>) values.get("datastores");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> datastore(Map<String, Object> values, String kind) {
        return (Map<String, Object>) datastores(values).get(kind);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Map<String, Object> values, String kind) {
        return (Map<String, Object>) datastore(values, kind).get("config");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> secrets(Map<String, Object> values) {
        return (Map<String, Object>) values.get("secrets");
    }
}
