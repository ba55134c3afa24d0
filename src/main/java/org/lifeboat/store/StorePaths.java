package org.lifeboat.store;

/** Checks and joins store paths; the one place that says what a valid store path is. */
public final class StorePaths {

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
}
