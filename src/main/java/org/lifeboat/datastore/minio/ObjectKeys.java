package org.lifeboat.datastore.minio;

import java.io.IOException;

/**
 * The one rule for object keys that become paths: {@code tar -x} puts an object at
 * {@code <bucket>/<key>}, so a key that could land outside that folder is refused, at backup and
 * again at restore (an archive may have been made by something else).
 */
final class ObjectKeys {

    private ObjectKeys() {
    }

    /**
     * Throws if {@code key} is empty, absolute, holds a NUL, or has a {@code .} or {@code ..}
     * segment; the message names the bucket and the key (control characters shown escaped).
     */
    static void check(String bucket, String key) throws IOException {
        String problem = problem(key);
        if (problem != null) {
            throw new IOException("object key '" + printable(key) + "' of bucket '" + bucket
                    + "' is refused: it would escape the bucket's folder on extraction (" + problem + ")");
        }
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
