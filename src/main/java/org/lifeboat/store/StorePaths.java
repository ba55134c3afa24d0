package org.lifeboat.store;

import java.security.SecureRandom;

/** Checks and joins store paths; the one place that says what a valid store path is. */
public final class StorePaths {

    private static final String TEMPORARY_MARK = ".tmp-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private StorePaths() {
    }

    /**
     * Returns {@code path} if it is a valid relative store path (the empty path, the root, is
     * valid), or throws {@link IllegalArgumentException} naming it.
     */
    public static String check(String path) {
        if (path == null) {
            throw new IllegalArgumentException("store path is null");
        }
        if (path.isEmpty()) {
            return path;
        }
        if (path.startsWith("/") || path.endsWith("/") || path.contains("\\") || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid store path '" + path + "'");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("invalid store path '" + path + "'");
            }
        }
        return path;
    }

    /**
     * Returns {@code path} if it is a valid store path naming an entry, not the root; used by the
     * calls that would otherwise replace or remove the root itself.
     */
    public static String checkEntry(String path) {
        if (check(path).isEmpty()) {
            throw new IllegalArgumentException("the store root is not a valid path here");
        }
        return path;
    }

    /** Joins two store paths, either of which may be empty. */
    public static String join(String parent, String child) {
        check(parent);
        check(child);
        if (parent.isEmpty()) {
            return child;
        }
        return child.isEmpty() ? parent : parent + "/" + child;
    }

    /** The folder part of {@code path}: empty for a top-level entry. */
    public static String parent(String path) {
        int slash = check(path).lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The last segment of {@code path}. */
    public static String name(String path) {
        return check(path).substring(path.lastIndexOf('/') + 1);
    }

    /**
     * A fresh temporary name for a write in progress to {@code name}, in the same folder:
     * {@code .<name>.tmp-<random>}. Stores never list such names ({@link #isTemporary}).
     */
    public static String temporaryName(String name) {
        return "." + name + TEMPORARY_MARK + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    }

    /** True if {@code name} (one segment) is a {@link #temporaryName} of a write in progress. */
    public static boolean isTemporary(String name) {
        return name.startsWith(".") && name.contains(TEMPORARY_MARK);
    }
}
