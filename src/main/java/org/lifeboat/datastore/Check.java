package org.lifeboat.datastore;

/**
 * One line of {@code precheck}.
 *
 * @param subject what was checked, for example {@code postgres: pg_dump version}
 * @param ok whether it passed
 * @param detail what was found
 * @param misconfigured the failure is in the configuration (a missing key file, a setting that
 *     cannot be used), which makes {@code precheck} exit 2 rather than 1
 */
public record Check(String subject, boolean ok, String detail, boolean misconfigured) {

    public static Check ok(String subject, String detail) {
        return new Check(subject, true, detail, false);
    }

    public static Check failed(String subject, String detail) {
        return new Check(subject, false, detail, false);
    }

    /** A failure of the configuration rather than of what it points at. */
    public static Check misconfigured(String subject, String detail) {
        return new Check(subject, false, detail, true);
    }
}
