package org.lifeboat.datastore.postgres;

import java.util.List;

/**
 * What to dump and how to restore it.
 *
 * @param databases databases to back up; empty means every database but the standard templates
 * @param excludeDatabases databases never backed up (recorded in the manifest as excluded)
 * @param includeRolePasswords keep role passwords in the roles dump
 * @param restoreOwnership on restore, keep owners and privileges, of the objects and of the database (the roles must exist)
 * @param restoreRole the role, not a superuser, that loads the dumps when the configured user is a superuser
 *     ({@link RestoreLogin}); created {@code NOLOGIN} if missing; default {@value #DEFAULT_RESTORE_ROLE}
 * @param restoreAsSuperuser load the dumps as the configured superuser after all (for dumps that need it,
 *     such as untrusted extensions); SQL in a forged dump then runs with superuser rights; default false
 */
public record PgDumpOptions(List<String> databases, List<String> excludeDatabases, boolean includeRolePasswords,
        boolean restoreOwnership, String restoreRole, boolean restoreAsSuperuser) {

    /** The default of {@link #restoreRole()}. */
    public static final String DEFAULT_RESTORE_ROLE = "lifeboat_restore";

    public PgDumpOptions {
        databases = List.copyOf(databases);
        excludeDatabases = List.copyOf(excludeDatabases);
        if (restoreRole == null || restoreRole.isBlank()) {
            restoreRole = DEFAULT_RESTORE_ROLE;
        }
    }

    /** The options before the restore login existed: the default restore role, never as superuser. */
    public PgDumpOptions(List<String> databases, List<String> excludeDatabases, boolean includeRolePasswords,
            boolean restoreOwnership) {
        this(databases, excludeDatabases, includeRolePasswords, restoreOwnership, DEFAULT_RESTORE_ROLE, false);
    }
}
