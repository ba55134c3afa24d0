package org.lifeboat.datastore.minio;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What describes an object besides its body, exactly as the server sent it: every standard header
 * S3 stores ({@link #STANDARD}) that is present, and every user-metadata entry, empty values
 * included. S3 calls user metadata US-ASCII, but servers hand back whatever bytes were stored:
 * raw UTF-8 (MinIO, S3Proxy), RFC 2047 words ({@code =?UTF-8?B?…?=}, AWS; kept as the ASCII text
 * they are, never decoded), or bytes that are no UTF-8 at all (ISO-8859-1). A value whose bytes are
 * UTF-8 is kept as that text; any other is kept in {@link #latin1()}, one char per byte.
 *
 * @param headers standard header name (as in {@link #STANDARD}) → value
 * @param metadata user-metadata name, lower-case without {@code x-amz-meta-} → value
 * @param latin1 values that are not UTF-8: lower-case HTTP header name ({@code content-disposition},
 *     {@code x-amz-meta-owner}) → the bytes as ISO-8859-1 chars; empty for nearly every object
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record ObjectHeaders(Map<String, String> headers, Map<String, String> metadata, Map<String, String> latin1) {

    /** The standard headers S3 stores with an object and gives back on GET. */
    static final List<String> STANDARD = List.of("Content-Type", "Cache-Control", "Content-Disposition", "Content-Encoding",
            "Content-Language", "Expires");
    static final String META = "x-amz-meta-";

    ObjectHeaders {
        headers = headers == null ? Map.of() : new TreeMap<>(headers);
        metadata = metadata == null ? Map.of() : new TreeMap<>(metadata);
        latin1 = latin1 == null ? Map.of() : new TreeMap<>(latin1);
    }

    /** An answer's headers as okhttp read them: name → value, a repeated header's values joined by {@code ,}. */
    static Map<String, String> wire(okhttp3.Headers headers) {
        Map<String, String> wire = new java.util.LinkedHashMap<>();
        for (String name : headers.names()) {
            wire.put(name, String.join(",", headers.values(name)));
        }
        return wire;
    }

    /**
     * From an answer's headers as wire strings (ISO-8859-1, every byte kept), names in any case.
     * Repeated user-metadata names cannot be told apart from one value holding a comma; the
     * server joins them so, and so are they kept.
     */
    static ObjectHeaders fromWire(Map<String, String> wire) {
        Map<String, String> lower = new TreeMap<>();
        wire.forEach((name, value) -> lower.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b));
        Map<String, String> headers = new TreeMap<>();
        Map<String, String> metadata = new TreeMap<>();
        Map<String, String> latin1 = new TreeMap<>();
        for (String name : STANDARD) {
            String value = lower.get(name.toLowerCase(Locale.ROOT));
            if (value != null) {
                put(headers, name, name.toLowerCase(Locale.ROOT), value, latin1);
            }
        }
        lower.forEach((name, value) -> {
            if (name.startsWith(META)) {
                put(metadata, name.substring(META.length()), name, value, latin1);
            }
        });
        return new ObjectHeaders(headers, metadata, latin1);
    }

    private static void put(Map<String, String> into, String name, String wireName, String value, Map<String, String> latin1) {
        String text = utf8(value);
        if (text == null) {
            latin1.put(wireName, value);
        } else {
            into.put(name, text);
        }
    }

    /** Every header to send to write the object back, lower-case names → wire strings. */
    TreeMap<String, String> toWire() {
        TreeMap<String, String> wire = new TreeMap<>();
        headers.forEach((name, value) -> wire.put(name.toLowerCase(Locale.ROOT), wire(value)));
        metadata.forEach((name, value) -> wire.put(META + name, wire(value)));
        wire.putAll(latin1);
        return wire;
    }

    /** Whether the SDK can send all of it exactly: every value printable US-ASCII. */
    boolean asciiOnly() {
        return latin1.isEmpty() && headers.values().stream().allMatch(S3RawRequests::isAscii)
                && metadata.values().stream().allMatch(S3RawRequests::isAscii);
    }

    /**
     * Whether these values, as okhttp read them, may stand for other bytes: okhttp turns header
     * bytes that are not UTF-8 into {@code ?} (or U+FFFD), so a value holding either is read again
     * byte for byte.
     */
    boolean mayHideBytes() {
        return java.util.stream.Stream.concat(headers.values().stream(), metadata.values().stream())
                .anyMatch(value -> value.indexOf('?') >= 0 || value.indexOf('\ufffd') >= 0);
    }

    /** The text of UTF-8 bytes given as ISO-8859-1 chars, or null if they are no UTF-8. */
    private static String utf8(String wire) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(wire.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return null; // not UTF-8: kept byte for byte in latin1
        }
    }

    private static String wire(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
