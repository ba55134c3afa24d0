package org.lifeboat.datastore.minio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes one bucket's archive ({@link BucketArchive}) onto a stream, one object body at a time:
 * the size is known before the body, so the tar header goes first and the body is streamed
 * through, never held whole. Memory: one copy buffer and at most {@value BucketArchive#INDEX_CHUNK}
 * index lines.
 */
final class BucketArchiveWriter {

    private static final int COPY_BUFFER = 256 * 1024;

    private final String bucket;
    private final TarArchiveOutputStream tar;
    private final List<BucketArchive.IndexLine> pending = new ArrayList<>();
    private final ObjectPaths paths = new ObjectPaths();
    private final byte[] buffer = new byte[COPY_BUFFER];
    private int chunks;
    private long objects;
    private long bytes;

    /** Writes onto {@code out}, which the caller owns: {@link #finish()} flushes it but never closes it. */
    BucketArchiveWriter(String bucket, OutputStream out) {
        this.bucket = bucket;
        this.tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    void writeSettings(BucketSettings settings) throws IOException {
        writeSmall(BucketArchive.settingsEntry(bucket), BucketArchive.JSON.writeValueAsBytes(Map.of(
                "layout", BucketArchive.LAYOUT_VERSION, "bucket", bucket, "settings", settings.settings())));
    }

    /**
     * Adds one object: exactly {@code size} bytes read from {@code body} (which the caller owns and
     * closes), at the path {@link ObjectPaths} gives its key, with the exact key, headers and
     * metadata in its object record. Keys must come in ascending order, as S3 lists them.
     */
    void writeObject(String key, long size, Instant modified, ObjectHeaders described, InputStream body) throws IOException {
        String path = paths.next(key, size);
        ObjectKeys.check(bucket, path); // ObjectPaths never makes an unsafe path; a last guard for what tar -x will do
        boolean folder = path.endsWith("/");
        TarArchiveEntry entry = new TarArchiveEntry(BucketArchive.objectEntry(bucket, path));
        entry.setSize(size);
        entry.setMode(folder ? 040755 : 0100644);
        if (modified != null) {
            entry.setModTime(modified.toEpochMilli());
        }
        entry.addPaxHeader(BucketArchive.PAX_OBJECT, BucketArchive.JSON.writeValueAsString(BucketArchive.ObjectRecord.of(key, described)));
        // For people (tar --xattrs): an empty PAX value would mean "delete", so empty values live only in the object record.
        described.headers().forEach((name, value) -> {
            if (!value.isEmpty()) {
                entry.addPaxHeader(name.equalsIgnoreCase("Content-Type") ? BucketArchive.PAX_CONTENT_TYPE
                        : BucketArchive.PAX_HEADER + name.toLowerCase(java.util.Locale.ROOT), value);
            }
        });
        described.metadata().forEach((name, value) -> {
            if (!value.isEmpty()) {
                entry.addPaxHeader(BucketArchive.PAX_META + name, value);
            }
        });
        MessageDigest sha256 = Digests.sha256();
        tar.putArchiveEntry(entry);
        long copied = 0;
        while (copied < size) {
            int n = body.read(buffer, 0, (int) Math.min(buffer.length, size - copied));
            if (n < 0) {
                throw new IOException("object '" + ObjectKeys.printable(key) + "' of bucket '" + bucket + "' ended after "
                        + copied + " of " + size + " bytes");
            }
            sha256.update(buffer, 0, n);
            tar.write(buffer, 0, n);
            copied += n;
        }
        tar.closeArchiveEntry();
        pending.add(new BucketArchive.IndexLine(key, size, HexFormat.of().formatHex(sha256.digest()), path.equals(key) ? null : path));
        objects++;
        bytes += size;
        if (pending.size() >= BucketArchive.INDEX_CHUNK) {
            writeIndex();
        }
    }

    /** Writes the last index entry and the summary, ends the tar and flushes; the stream stays open. */
    void finish() throws IOException {
        writeIndex();
        writeSmall(BucketArchive.summaryEntry(bucket), BucketArchive.JSON.writeValueAsBytes(
                new BucketArchive.Summary(bucket, objects, bytes)));
        tar.finish();
        tar.flush();
    }

    long objects() {
        return objects;
    }

    long bytes() {
        return bytes;
    }

    private void writeIndex() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (BucketArchive.IndexLine line : pending) {
            lines.append(BucketArchive.JSON.writeValueAsString(line)).append('\n');
        }
        writeSmall(BucketArchive.indexEntry(bucket, ++chunks), lines.toString().getBytes(StandardCharsets.UTF_8));
        pending.clear();
    }

    private void writeSmall(String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0100644);
        entry.setModTime(System.currentTimeMillis() / 1000 * 1000); // whole seconds: no PAX mtime record needed
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
