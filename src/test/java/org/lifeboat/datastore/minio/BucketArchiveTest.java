package org.lifeboat.datastore.minio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The archive layout on its own: what goes in comes out, and a body that differs from its index is refused. */
class BucketArchiveTest {


    private static byte[] archive(int objects) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BucketArchiveWriter writer = new BucketArchiveWriter("b", out);
        writer.writeSettings(new BucketSettings("b", new LinkedHashMap<>()));
        for (int i = 0; i < objects; i++) {
            byte[] body = ("body-" + i + "-" + "A".repeat(600)).getBytes(StandardCharsets.UTF_8);
            writer.writeObject(String.format("k/%05d", i), body.length, Instant.EPOCH, new ObjectHeaders(Map.of("Content-Type", "text/plain",
                    "Cache-Control", "no-cache"), Map.of("n", Integer.toString(i), "empty", ""), Map.of()), new ByteArrayInputStream(body));
        }
        writer.finish();
        return out.toByteArray();
    }

    @Test
    void objectsComeBackWithTheirHeadersAndMetadataAcrossIndexChunks() throws IOException {
        int objects = BucketArchive.INDEX_CHUNK + 5;
        List<String> seen = new ArrayList<>();
        BucketArchiveReader.Contents contents = new BucketArchiveReader("b").read(new ByteArrayInputStream(archive(objects)),
                (key, size, described, body) -> {
                    String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                    assertEquals(size, text.length());
                    assertEquals("text/plain", described.headers().get("Content-Type"));
                    assertEquals("no-cache", described.headers().get("Cache-Control"));
                    assertEquals("", described.metadata().get("empty"), "an empty value is kept, not dropped");
                    seen.add(key + "=" + described.metadata().get("n") + ":" + text.substring(0, text.indexOf("-A")));
                });
        assertEquals(objects, contents.objects());
        assertEquals(objects, seen.size());
        assertEquals("k/00007=7:body-7", seen.get(7));
    }

    @Test
    void aBodyThatDiffersFromItsIndexIsRefused() throws IOException {
        byte[] tar = archive(3);
        String text = new String(tar, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("body-1-AAAA");
        tar[at + 8] = 'B'; // same size, other bytes: only the SHA-256 can tell
        IOException e = assertThrows(IOException.class, () -> new BucketArchiveReader("b").read(new ByteArrayInputStream(tar),
                (key, size, described, body) -> body.readAllBytes()));
        assertTrue(e.getMessage().contains("object 'k/00001' of bucket 'b' does not match its index"), e.getMessage());
    }

    @Test
    void anArchiveCutBeforeItsSummaryIsRefused() throws IOException {
        byte[] tar = archive(2);
        String text = new String(tar, StandardCharsets.ISO_8859_1);
        int summary = text.indexOf(BucketArchive.summaryEntry("b"));
        byte[] cut = java.util.Arrays.copyOf(tar, summary - summary % 512); // the start of its header record
        byte[] padded = java.util.Arrays.copyOf(cut, cut.length + 1024); // two zero records: a tar that ends early but cleanly
        IOException e = assertThrows(IOException.class, () -> new BucketArchiveReader("b").read(new ByteArrayInputStream(padded),
                (key, size, described, body) -> body.readAllBytes()));
        assertTrue(e.getMessage().contains("is incomplete"), e.getMessage());
    }
}
