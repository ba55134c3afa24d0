package org.lifeboat.manifest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The manifest's JSON form: the one place that reads and writes {@code manifest.json}. */
public final class ManifestJson {


    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ManifestJson() {
    }

    /** Writes {@code manifest} to {@code out}; does not close it. */
    public static void write(Manifest manifest, OutputStream out) throws IOException {
        out.write(bytes(manifest));
    }

    /** The bytes of {@code manifest.json}: what is written, and what its signature covers. */
    public static byte[] bytes(Manifest manifest) throws IOException {
        return MAPPER.writeValueAsBytes(manifest);
    }

    /** Reads a manifest from {@code in}; does not close it. Refuses another format version. */
    public static Manifest read(InputStream in, String origin) throws IOException {
        return read(in.readAllBytes(), origin);
    }

    /** Reads a manifest from its bytes. Refuses another format version. */
    public static Manifest read(byte[] bytes, String origin) throws IOException {
        Manifest manifest;
        try {
            manifest = MAPPER.readValue(bytes, Manifest.class);
        } catch (IOException e) {
            throw new IOException("manifest '" + origin + "' is not valid: " + e.getMessage(), e);
        }
        if (manifest.formatVersion() != Manifest.FORMAT_VERSION) {
            throw new IOException("manifest '" + origin + "' has format version " + manifest.formatVersion()
                    + "; this program reads version " + Manifest.FORMAT_VERSION);
        }
        return manifest;
    }
}
