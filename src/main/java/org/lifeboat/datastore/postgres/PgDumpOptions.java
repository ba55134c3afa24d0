package org.lifeboat.datastore.postgres;

import java.util.List;

/**
 * What to dump and how to restore it.
 *
 * @param databases databases to back up; empty means every non-template database
 * @param excludeDatabases databases never backed up
 * @param includeRolePasswords keep role passwords in the roles dump
 * @param restoreOwnership on restore, keep owners and privileges (the roles must exist)
 */
public record PgDumpOptions(List<String> databases, List<String> excludeDatabases, boolean includeRolePasswords,
        boolean restoreOwnership) {

    public PgDumpOptions {
        databases = List.copyOf(databases);
        excludeDatabases = List.copyOf(excludeDatabases);
    }
}
