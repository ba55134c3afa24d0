package org.lifeboat.datastore.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.ArtifactFixture;
import org.lifeboat.testing.InfluxSampleData;
import org.lifeboat.testing.InfluxServer;

/**
 * What InfluxDB holds but line protocol cannot carry, made with {@code SELECT … INTO} or raw
 * bytes: a measurement starting with {@code #} (every reader skips the line as a comment), a
 * measurement ending with a backslash (it would escape the separator after it), a field key
 * holding a newline (it would end the line), a string that is not UTF-8. (A field key ending
 * with a backslash cannot exist: {@code SELECT … AS "x\" INTO} makes influxd 1.6.7 panic.)
 * Each fails the backup naming what and why, rather than being written wrong; a measurement can
 * then be left out with {@code exclude-measurements}.
 */
class InfluxUnwritableDataTest {

    private static InfluxServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        server = InfluxServer.start();
        for (String db : List.of("hash", "slash", "newline", "bytes")) {
            server.query(null, "CREATE DATABASE " + db);
        }
        server.write("hash", null, "plain v=1i " + InfluxSampleData.BASE + "\n");
        server.query(null, "SELECT v INTO \"hash\".\"autogen\".\"#comment\" FROM \"hash\".\"autogen\".\"plain\"");
        server.write("slash", null, "plain v=1i " + InfluxSampleData.BASE + "\n");
        server.query(null, "SELECT v INTO \"slash\".\"autogen\".\"ends\\\\\" FROM \"slash\".\"autogen\".\"plain\"");
        server.write("newline", null, "plain v=1i " + InfluxSampleData.BASE + "\n");
        server.query(null, "SELECT v AS \"two\\nlines\" INTO \"newline\".\"autogen\".\"renamed\" FROM \"newline\".\"autogen\".\"plain\"");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("raw s=\"".getBytes(StandardCharsets.US_ASCII));
        bytes.write(0xff);
        bytes.write(0xfe);
        bytes.writeBytes(("\" " + InfluxSampleData.BASE + "\n").getBytes(StandardCharsets.US_ASCII));
        server.write("bytes", null, bytes.toByteArray());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aMeasurementStartingWithHashFailsTheBackupAndCanBeLeftOut() throws IOException {
        IOException e = assertThrows(IOException.class, () -> new ArtifactFixture(work.resolve("a")).backup(datastore("hash", List.of())));
        assertTrue(e.getMessage().contains("'#comment'") && e.getMessage().contains("comment")
                && e.getMessage().contains("exclude-measurements"), e.getMessage());
        DatastoreRecord recorded = new ArtifactFixture(work.resolve("b")).backup(datastore("hash", List.of("#comment")));
        assertEquals(Map.of("\"autogen\".\"plain\"", 1L), recorded.counts().get("hash"));
        assertTrue(recorded.excluded().contains("measurement hash.\"autogen\".\"#comment\""), recorded.excluded().toString());
    }

    @Test
    void aMeasurementEndingWithABackslashFailsTheBackup() {
        IOException e = assertThrows(IOException.class, () -> new ArtifactFixture(work).backup(datastore("slash", List.of())));
        assertTrue(e.getMessage().contains("measurement 'ends\\'") && e.getMessage().contains("ends with a backslash"), e.getMessage());
    }

    @Test
    void aFieldKeyHoldingANewlineFailsTheBackup() {
        IOException e = assertThrows(IOException.class, () -> new ArtifactFixture(work).backup(datastore("newline", List.of())));
        assertTrue(e.getMessage().contains("field key 'two\\nlines'") && e.getMessage().contains("holds a newline"), e.getMessage());
    }

    @Test
    void aStringThatIsNotUtf8FailsTheBackupRatherThanBeingAltered() {
        IOException e = assertThrows(IOException.class, () -> new ArtifactFixture(work).backup(datastore("bytes", List.of())));
        assertTrue(e.getMessage().contains("not UTF-8") && e.getMessage().contains("'bytes'"), e.getMessage());
    }

    private static InfluxDumpDatastore datastore(String database, List<String> excludeMeasurements) {
        return new InfluxDumpDatastore("influx", new InfluxSettings(server.url(), null, null, List.of(database), List.of(),
                excludeMeasurements, Duration.ofDays(1), 1000, Duration.ofSeconds(30)));
    }
}
