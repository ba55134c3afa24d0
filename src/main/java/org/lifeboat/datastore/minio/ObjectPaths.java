package org.lifeboat.datastore.minio;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where each object lands when an archive is unpacked with {@code tar -x} (or an rsync index is
 * followed by hand): a relative path below the bucket's folder that can never escape it, and that
 * never makes one object's file the folder of another. An S3 key is any string, so most keys are
 * their own path, and a few are written with a small reversible escape, one path segment at a
 * time (the real key always travels beside, in the archive's object record and its index):
 *
 * <ul>
 *   <li>a segment that is empty ({@code a//b}, a leading {@code /}), {@code .} or {@code ..}, that
 *       holds a NUL, or that starts with {@code %} is written as {@code %} followed by the segment
 *       with {@code %}, {@code +} and NUL as {@code %25}, {@code %2B}, {@code %00}: {@code a/../b} →
 *       {@code a/%../b}, {@code /etc} → {@code %/etc}, {@code %41} → {@code %%2541};</li>
 *   <li>a key that is also the start of other keys ({@code a} and {@code a/b}): the file comes
 *       first (S3 lists {@code a} before {@code a/b}) and keeps its name; in the keys below it that
 *       segment is written as {@code %+} followed by the same escape: {@code a/b} → {@code %+a/b};</li>
 *   <li>a key ending in {@code /} with no body is a folder ({@code photos/}); with a body its last,
 *       empty segment is escaped like any other ({@code photos/%}).</li>
 * </ul>
 *
 * Reading a path back: a segment starting with {@code %+} or {@code %} is that prefix removed and
 * the {@code %XX} decoded; any other segment is itself. Keys must be given in ascending order (as S3
 * lists them); memory holds only the chain of files that are prefixes of the current key.
 */
final class ObjectPaths {

    private final Deque<String> files = new ArrayDeque<>();

    /** The path of {@code key} (a folder path ends with {@code /}); keys in ascending order. */
    String next(String key, long size) {
        while (!files.isEmpty() && !key.startsWith(files.peek())) {
            files.pop();
        }
        boolean folder = key.endsWith("/") && size == 0;
        String[] segments = (folder ? key.substring(0, key.length() - 1) : key).split("/", -1);
        boolean[] forced = new boolean[segments.length];
        for (String file : files) {
            if (key.startsWith(file + "/")) {
                forced[file.split("/", -1).length - 1] = true;
            }
        }
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                path.append('/');
            }
            String segment = segments[i];
            if (forced[i]) {
                path.append("%+").append(percent(segment));
            } else if (flagged(segment)) {
                path.append('%').append(percent(segment));
            } else {
                path.append(segment);
            }
        }
        if (folder) {
            path.append('/');
        } else {
            files.push(key);
        }
        return path.toString();
    }

    /** The key a path stands for (the inverse of {@link #next}, for checks and by-hand restores). */
    static String key(String path) {
        boolean folder = path.endsWith("/");
        String[] segments = (folder ? path.substring(0, path.length() - 1) : path).split("/", -1);
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                key.append('/');
            }
            String segment = segments[i];
            if (segment.startsWith("%+")) {
                key.append(unpercent(segment.substring(2)));
            } else if (segment.startsWith("%")) {
                key.append(unpercent(segment.substring(1)));
            } else {
                key.append(segment);
            }
        }
        return folder ? key.append('/').toString() : key.toString();
    }

    private static boolean flagged(String segment) {
        return segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.startsWith("%")
                || segment.indexOf('\0') >= 0;
    }

    private static String percent(String segment) {
        return segment.replace("%", "%25").replace("+", "%2B").replace("\0", "%00");
    }

    private static String unpercent(String segment) {
        byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream decoded = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length) {
                decoded.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                decoded.write(bytes[i]);
            }
        }
        return decoded.toString(StandardCharsets.UTF_8);
    }
}
