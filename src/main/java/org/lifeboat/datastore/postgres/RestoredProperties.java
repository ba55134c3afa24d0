package org.lifeboat.datastore.postgres;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which recorded {@link DatabaseProperties} a restore gives the restored database, and the check
 * that it has them. The rule:
 *
 * <ul>
 *   <li>always: encoding, locale, locale provider, ICU locale, connection limit, comment, and the
 *       settings of the whole database;
 *   <li>with {@code restore-ownership}: also the owner, the grants on the database and the
 *       settings of each role in it; every role they name must exist on the target, or the
 *       restore fails before it loads anything (apply {@code roles.sql} first);
 *   <li>without it (as for the objects inside, {@code --no-owner --no-privileges}): the database
 *       is owned by the configured user and has the default privileges; a role's setting is
 *       still applied when the role exists here (it changes nothing for anybody else), and what
 *       is left out is named in the log.
 * </ul>
 *
 * @param wanted what the restored database must have
 * @param leftOut what the recorded properties hold that the restore leaves out, for the log
 */
record RestoredProperties(DatabaseProperties wanted, List<String> leftOut) {

    static RestoredProperties plan(String database, DatabaseProperties recorded, boolean restoreOwnership, String configuredUser,
            Set<String> roles) throws IOException {
        TreeMap<String, String> wanted = new TreeMap<>(recorded.facts());
        List<String> leftOut = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        if (restoreOwnership) {
            requireRole(roles, recorded.get(DatabaseProperties.OWNER), DatabaseProperties.OWNER, missing);
            for (DatabaseProperties.Grant grant : recorded.grants()) {
                String key = DatabaseProperties.GRANT + grant.privilege() + " to " + grant.grantee();
                if (!grant.grantee().equals("PUBLIC")) {
                    requireRole(roles, grant.grantee(), key, missing);
                }
                requireRole(roles, grant.grantor(), key, missing);
            }
        } else {
            if (!configuredUser.equals(recorded.get(DatabaseProperties.OWNER))) {
                leftOut.add("owner '" + recorded.get(DatabaseProperties.OWNER) + "'");
            }
            wanted.put(DatabaseProperties.OWNER, configuredUser);
            int grants = recorded.grants().size();
            if ("explicit".equals(recorded.get(DatabaseProperties.ACL))) {
                leftOut.add(grants + " grants on the database");
            }
            wanted.put(DatabaseProperties.ACL, "default");
            wanted.keySet().removeIf(key -> key.startsWith(DatabaseProperties.GRANT));
        }
        for (DatabaseProperties.Setting setting : recorded.settings()) {
            if (setting.role().isPresent() && !roles.contains(setting.role().get())) {
                String key = DatabaseProperties.SETTING + setting.name() + DatabaseProperties.FOR_ROLE + setting.role().get();
                if (restoreOwnership) {
                    missing.add("role '" + setting.role().get() + "' of '" + key + "'");
                } else {
                    leftOut.add("'" + key + "' (no such role here)");
                    wanted.remove(key);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("database '" + database + "' cannot get its recorded properties: " + String.join(", ", missing)
                    + " missing on the target (apply roles.sql first, or set restore-ownership to false)");
        }
        return new RestoredProperties(new DatabaseProperties(wanted), leftOut);
    }

    /**
     * Throws naming {@code database}, each property, the expected and the found value when
     * {@code found} (read from the restored copy) differs from {@link #wanted}.
     */
    void check(String database, DatabaseProperties found) throws IOException {
        List<String> differences = found.differences(wanted);
        if (!differences.isEmpty()) {
            throw new IOException("restored database '" + database + "' does not have its recorded properties: "
                    + String.join("; ", differences));
        }
    }

    /** The collation library versions, when the two servers' differ (sort order may then differ in details). */
    static String collationVersions(DatabaseProperties recorded, DatabaseProperties found) {
        String then = recorded.get(DatabaseProperties.COLLATION_VERSION);
        String now = found.get(DatabaseProperties.COLLATION_VERSION);
        return then == null || then.equals(now) ? null : then + " at backup, " + now + " here";
    }

    private static void requireRole(Set<String> roles, String role, String key, List<String> missing) {
        if (!roles.contains(role)) {
            missing.add("role '" + role + "' of '" + key + "'");
        }
    }
}
