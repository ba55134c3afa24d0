package org.lifeboat.datastore;

/**
 * One line of {@code precheck}.
 *
 * @param subject what was checked, for example {@code postgres: pg_dump version}
 * @param ok whether it passed
 * @param detail what was found
 */
public record Check(String subject, boolean ok, String detail) {

    public static Check ok(String subject, String detail) {
        return new Check(subject, true, detail);
    }

    public static Check failed(String subject, String detail) {
        return new Check(subject, false, detail);
    }
}
