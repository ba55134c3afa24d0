package org.lifeboat.datastore.minio;

import java.io.IOException;

/**
 * The rules for object keys and the paths they land at. Any key is backed up ({@link ObjectPaths}
 * gives every key a safe path); what is refused is a <em>path</em> that could land outside the
 * bucket's folder when an archive is unpacked, checked again at restore (an archive may have been
 * made by something else). And {@link #sdkRefuses} says which keys the MinIO SDK will not address.
 */
final class ObjectKeys {

    private ObjectKeys() {
    }

    /**
     * Throws if the path {@code path} (an archive entry below the bucket's folder) is empty,
     * absolute, holds a NUL, or has a {@code .} or {@code ..} segment; the message names the
     * bucket and the path (control characters shown escaped).
     */
    static void check(String bucket, String path) throws IOException {
        String problem = problem(path);
        if (problem != null) {
            throw new IOException("path '" + printable(path) + "' of bucket '" + bucket
                    + "' is refused: it would escape the bucket's folder on extraction (" + problem + ")");
        }
    }

    /**
     * Whether the MinIO SDK refuses to address {@code key}: it has a {@code .} or {@code ..}
     * segment (the SDK's own rule, trailing empty segments ignored as it ignores them). Such keys
     * go through {@link S3RawRequests}.
     */
    static boolean sdkRefuses(String key) {
        for (String segment : key.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** Why {@code key} is unsafe as a relative path, or null if it is safe. */
    static String problem(String key) {
        if (key.isEmpty()) {
            return "empty key";
        }
        if (key.indexOf('\0') >= 0) {
            return "NUL character";
        }
        if (key.startsWith("/")) {
            return "absolute path";
        }
        String body = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        for (String segment : body.split("/", -1)) {
            if (segment.equals("..")) {
                return "'..' segment";
            }
            if (segment.equals(".")) {
                return "'.' segment";
            }
        }
        return null;
    }

    /** {@code key} with control characters as {@code \\uXXXX}, for messages. */
    static String printable(String key) {
        StringBuilder out = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
