package org.lifeboat.datastore.influx;

import org.lifeboat.testing.Shell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.datastore.BackupResult;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.keys.AgeRecipients;
import org.lifeboat.keys.KeyFiles;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.pipeline.ArtifactDecoder;
import org.lifeboat.pipeline.ArtifactEncoder;
import org.lifeboat.repository.StoreArtifactSink;
import org.lifeboat.repository.StoreArtifactSource;
import org.lifeboat.store.local.LocalBackupStore;
import org.lifeboat.testing.InfluxHostileData;
import org.lifeboat.testing.InfluxSampleData;
import org.lifeboat.testing.InfluxServer;

/**
 * Awkward data (spaces, commas and equals signs in names, quotes and backslashes in strings,
 * integers beyond a double's precision, extreme floats, three retention policies, a continuous
 * query) and hostile data ({@link InfluxHostileData}: a field integer in one policy and float in
 * another, integer in one shard group and float in the next, the int64 limits, the first and last
 * nanoseconds of the valid range) backed up once, then: the artifacts decrypted with the
 * {@code age} CLI, decompressed with {@code zstd}, imported by the real
 * {@code influx -import -precision ns} into a fresh server; and restored by Lifeboat into
 * another. Both must hold exactly what the source holds.
 */
class InfluxInteropTest {

    private static final String DB = "we ird,db";
    private static final String MEASUREMENT = "cpu load,total=all";
    private static final String HOSTILE = "hostile";

    @TempDir
    static Path work;

    private static InfluxServer source;
    private static DatastoreRecord recorded;
    private static LocalBackupStore store;
    private static ArtifactDecoder decoder;

    @BeforeAll
    static void backup() throws Exception {
        source = InfluxServer.start();
        fill(source);
        InfluxHostileData.create(source, HOSTILE);
        KeyFiles.generate(work.resolve("keys"));
        ArtifactEncoder encoder = new ArtifactEncoder(AgeRecipients.read(work.resolve("keys").resolve(KeyFiles.AGE_RECIPIENTS)), 3);
        decoder = new ArtifactDecoder(AgeIdentity.read(work.resolve("keys").resolve(KeyFiles.AGE_IDENTITY)));
        store = new LocalBackupStore(work.resolve("store"));
        InfluxDumpDatastore datastore = InfluxDumpDatastoreContractTest.on(source.url());
        Instant started = Instant.now();
        BackupResult result = datastore.backup(new StoreArtifactSink(store, encoder, "set", datastore.name()));
        recorded = new DatastoreRecord(datastore.name(), datastore.kind(), datastore.mode(), started, Instant.now(),
                result.versions(), result.artifacts(), result.counts(), result.excluded());
    }

    @AfterAll
    static void stop() {
        source.close();
    }

    /** 7001 points in the default policy (more than one importer batch), 300 and 20 in two others. */
    private static void fill(InfluxServer server) {
        String db = "\"we ird,db\"";
        server.query(null, "CREATE DATABASE " + db);
        server.query(null, "CREATE RETENTION POLICY \"two days\" ON " + db + " DURATION 48h REPLICATION 1 SHARD DURATION 1h");
        server.query(null, "CREATE RETENTION POLICY \"for=ever\" ON " + db + " DURATION INF REPLICATION 1 SHARD DURATION 168h");
        server.query(null, "CREATE CONTINUOUS QUERY \"hourly mean\" ON " + db + " BEGIN SELECT mean(\"f\") INTO " + db
                + ".\"for=ever\".\"cpu mean\" FROM " + db + ".autogen.\"cpu load,total=all\" GROUP BY time(1h), * END");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 7001; i++) {
            lines.append("cpu\\ load\\,total=all,ho\\ st\\,x\\=y=va\\ l\\,u\\=e").append(i % 5).append(",plain=p")
                    .append(" big=").append(9_007_199_254_740_993L + i).append("i,f=").append(i % 3 == 0 ? "2" : i % 3 == 1 ? "0.1" : "1e-300")
                    .append(",s=\"say \\\"hi\\\", a\\\\b = c\",t=").append(i % 2 == 0 ? "true" : "false")
                    .append(' ').append(InfluxSampleData.BASE + i).append('\n');
        }
        lines.append("extremes max=1.7976931348623157e308,min=4.9e-324,neg=-9223372036854775808i ").append(InfluxSampleData.BASE).append('\n');
        server.write(DB, null, lines.toString());
        long now = System.currentTimeMillis() * 1_000_000L;
        StringBuilder recent = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            recent.append("recent,k=v").append(i % 4).append(" n=").append(i).append("i ").append(now - 3_600_000_000_000L + i).append('\n');
        }
        server.write(DB, "two days", recent.toString());
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            kept.append("kept x=").append(i).append(".5 ").append(1_000_000_000L * i).append('\n');
        }
        server.write(DB, "for=ever", kept.toString());
    }

    @Test
    void theManifestCountsPointsPerPolicyAndMeasurement() {
        Map<String, Long> counts = recorded.counts().get(DB);
        assertEquals(Map.of("\"autogen\".\"cpu load,total=all\"", 7001L, "\"autogen\".\"extremes\"", 1L,
                "\"two days\".\"recent\"", 300L, "\"for=ever\".\"kept\"", 20L), counts);
        assertEquals(InfluxHostileData.POINTS, recorded.counts().get(HOSTILE));
    }

    /** Each value in the type its shard stores it with, each time exact, in the policy it belongs to. */
    @Test
    void theArtifactCarriesEveryValueInItsStoredTypeAndPolicy() throws Exception {
        String text = Files.readString(decrypted(HOSTILE), StandardCharsets.UTF_8);
        String autogen = policy(text, "autogen");
        String downsampled = policy(text, "downsampled");
        for (long value : InfluxHostileData.INTEGERS) {
            assertTrue(autogen.contains(" value=" + value + "i "), value + "i missing in\n" + autogen);
        }
        assertTrue(!autogen.contains("E18") && !autogen.contains("value=9.2"), "no integer became a float:\n" + autogen);
        assertTrue(downsampled.contains("reading,sensor=s9 value=3.0 " + InfluxSampleData.BASE + "\n"), downsampled);
        assertTrue(downsampled.matches("(?s).*reading,sensor=s0 value=-?[0-9.E]+ " + InfluxSampleData.BASE + "\n.*"), downsampled);
        assertTrue(autogen.contains("drift,k=a v=9007199254740993i 1000000000000000000\n")
                && autogen.contains("drift,k=a v=-9223372036854775808i 1000000000000000001\n")
                && autogen.contains("drift,k=a v=1.5 1600000000000000000\n") && autogen.contains("drift,k=a v=2.0 1600000000000000001\n"),
                "each shard group's type:\n" + autogen);
        assertTrue(autogen.contains("big=1.0E21,frac=0.1,max=1.7976931348623157E308,near=9.007199254740992E15,neg=-2.0,negzero=-0.0,"
                + "one=1.0,tiny=4.9E-324,zero=0.0 "), "integral floats stay floats:\n" + autogen);
        assertTrue(autogen.contains("edges,end=first v=1i -9223372036854775806\n") && autogen.contains("edges,end=first v=2i -9223372036854775805\n")
                && autogen.contains("edges,end=first v=3i -9223372036709551612\n")
                && autogen.contains("edges,end=last v=4i 9223372036854775805\n") && autogen.contains("edges,end=last v=5i 9223372036854775806\n"),
                "exact times at both ends of the range:\n" + autogen);
    }

    @Test
    void ageZstdAndInfluxImportRestoreTheSameData() throws Exception {
        Path plain = decrypted(DB);
        String text = Files.readString(plain, StandardCharsets.UTF_8);
        assertTrue(text.contains("\n# DDL\n") && text.contains("\n# DML\n# CONTEXT-DATABASE: " + DB + "\n"), text.substring(0, 600));
        assertTrue(text.contains(" big=9007199254740993i,f=2.0,"), "integers keep every digit and their i, floats stay floats");

        try (InfluxServer fresh = InfluxServer.start()) {
            String before = InfluxSampleData.fingerprint(fresh);
            for (String db : new String[] {DB, HOSTILE}) {
                sh("influx -host 127.0.0.1 -port " + fresh.port() + " -import -path \"$FILE\" -precision ns",
                        Map.of("FILE", decrypted(db).toString()));
            }
            assertNotEquals(before, InfluxSampleData.fingerprint(fresh));
            assertEquals(fieldKeys(source), fieldKeys(fresh), "SHOW FIELD KEYS: same types");
            assertEquals(InfluxSampleData.fingerprint(source), InfluxSampleData.fingerprint(fresh));
        }
    }

    /** The plain line-protocol file of {@code database}'s artifact, decrypted with the age CLI and decompressed with zstd. */
    private static Path decrypted(String database) throws Exception {
        Path plain = work.resolve(database + ".lp");
        if (!Files.exists(plain)) {
            Path artifact;
            try (Stream<Path> files = Files.walk(work.resolve("store"))) {
                artifact = files.filter(f -> f.getFileName().toString().equals(ArtifactNames.lineProtocolFile(database) + ".zst.age"))
                        .findFirst().orElseThrow();
            }
            sh("age -d -i \"$IDENTITY\" \"$ARTIFACT\" | zstd -d -q -o \"$OUT\"", Map.of("IDENTITY",
                    work.resolve("keys").resolve(KeyFiles.AGE_IDENTITY).toString(), "ARTIFACT", artifact.toString(), "OUT",
                    plain.toString()));
        }
        return plain;
    }

    /** The lines of {@code rp}'s context in an artifact. */
    private static String policy(String text, String rp) {
        String start = "# CONTEXT-RETENTION-POLICY: " + rp + "\n";
        int from = text.indexOf(start);
        assertTrue(from >= 0, "no context " + rp);
        int to = text.indexOf("# CONTEXT-RETENTION-POLICY: ", from + start.length());
        return text.substring(from + start.length(), to < 0 ? text.length() : to);
    }

    @Test
    void lifeboatRestoresTheSameData() throws Exception {
        try (InfluxServer fresh = InfluxServer.start()) {
            InfluxDumpDatastore target = InfluxDumpDatastoreContractTest.on(fresh.url());
            try (PreparedRestore prepared = target.prepare(recorded, new StoreArtifactSource(store, decoder, "set", target.name()))) {
                prepared.swapIn();
            }
            assertEquals(fieldKeys(source), fieldKeys(fresh));
            assertEquals(InfluxSampleData.fingerprint(source), InfluxSampleData.fingerprint(fresh));
        }
    }

    @Test
    void aCopyChangedAfterItsCheckIsNotSwappedInAndTheLiveDataStays() throws Exception {
        try (InfluxServer fresh = InfluxServer.start()) {
            fresh.query(null, "CREATE DATABASE \"" + DB + "\"");
            fresh.write(DB, null, "live,k=v x=1i 1\n");
            String before = InfluxSampleData.fingerprint(fresh);
            InfluxDumpDatastore target = InfluxDumpDatastoreContractTest.on(fresh.url());
            String scratch = DB + "_lifeboat_restore";
            IOException e;
            try (PreparedRestore prepared = target.prepare(recorded, new StoreArtifactSource(store, decoder, "set", target.name()))) {
                // the copy loses a policy after its check: the swap must notice before it drops anything
                fresh.query(null, "DROP RETENTION POLICY \"two days\" ON \"" + scratch + "\"");
                e = assertThrows(IOException.class, prepared::swapIn);
            }
            assertTrue(e.getMessage().contains("live data as it was") && e.getMessage().contains("kept as '" + scratch + "'"),
                    e.getMessage());
            // the datastore and its address are the restore run's to add, once (AllDatastoresRollBackEndToEndTest)
            assertTrue(!e.getMessage().contains(target.describe()), e.getMessage());
            assertTrue(!fresh.query(null, "SHOW DATABASES").contains("_lifeboat_"), "close after the failed swap rolled it back:"
                    + " nothing of the restore is left: " + fresh.query(null, "SHOW DATABASES"));
            assertEquals(before, InfluxSampleData.fingerprint(fresh), "live data untouched");
        }
    }

    private static String fieldKeys(InfluxServer server) {
        return server.query(DB, "SHOW FIELD KEYS");
    }

    private static void sh(String script, Map<String, String> env) throws Exception {
        String out = Shell.run(script, env);
        if (out.contains("error")) {
            throw new AssertionError(script + " reported errors:\n" + out);
        }
    }

}
