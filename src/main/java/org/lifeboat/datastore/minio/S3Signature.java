package org.lifeboat.datastore.minio;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 over exact bytes, for the requests {@link S3RawRequests} sends. Header
 * values are "wire strings": one char per byte (ISO-8859-1), so a value's bytes are whatever the
 * object had. How a server reads non-ASCII header bytes when it checks a signature differs:
 * {@link Convention#BYTES} signs the bytes as sent (SigV4 as specified; Go servers such as MinIO);
 * {@link Convention#LATIN1_AS_UTF8} signs the UTF-8 form of their ISO-8859-1 reading, which is what
 * Java servlet servers do (S3Proxy on Jetty). For ASCII values the two are the same.
 */
final class S3Signature {

    /** How the server turns header bytes into the canonical request it checks. */
    enum Convention { BYTES, LATIN1_AS_UTF8 }

    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final String accessKey;
    private final String secretKey;
    private final String region;

    S3Signature(String accessKey, String secretKey, String region) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
    }

    /**
     * Adds {@code x-amz-date}, {@code x-amz-content-sha256} and {@code Authorization} to
     * {@code headers} (lower-case names → wire values; every one is signed).
     *
     * @param rawPath the path exactly as sent, already URI-encoded
     * @param query the canonical query string (sorted, encoded), or empty
     */
    void sign(String method, String rawPath, String query, TreeMap<String, String> headers, Convention convention) {
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
        headers.put("x-amz-date", stamp);
        headers.putIfAbsent("x-amz-content-sha256", UNSIGNED_PAYLOAD);
        ByteArrayOutputStream canonical = new ByteArrayOutputStream();
        ascii(canonical, method + "\n" + rawPath + "\n" + query + "\n");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            ascii(canonical, header.getKey() + ":");
            byte[] value = header.getValue().strip().replaceAll(" {2,}", " ").getBytes(StandardCharsets.ISO_8859_1); // SigV4's trim-all
            canonical.writeBytes(convention == Convention.BYTES ? value
                    : new String(value, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8));
            ascii(canonical, "\n");
        }
        String signedHeaders = String.join(";", headers.keySet());
        ascii(canonical, "\n" + signedHeaders + "\n" + headers.get("x-amz-content-sha256"));
        String scope = stamp.substring(0, 8) + "/" + region + "/s3/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n" + hex(Digests.sha256().digest(canonical.toByteArray()));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), stamp.substring(0, 8));
        for (String part : List.of(region, "s3", "aws4_request")) {
            key = hmac(key, part);
        }
        headers.put("authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders="
                + signedHeaders + ", Signature=" + hex(hmac(key, toSign)));
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** S3's URI encoding of a key: every byte but unreserved characters and {@code /} as %XX. */
    static String encodePath(String key) {
        StringBuilder out = new StringBuilder();
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
                    || c == '~' || c == '/') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
