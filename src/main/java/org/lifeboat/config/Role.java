package org.lifeboat.config;

/**
 * What a server is for: it writes backups (production), restores them (staging), or is the backup
 * server that keeps them (seals and prunes); exactly one.
 */
public enum Role {
    BACKUP("backup", "lifeboat.backup"),
    RESTORE("restore", "lifeboat.restore"),
    SERVER("server", "lifeboat.server");

    private final String label;
    private final String setting;

    Role(String label, String setting) {
        this.label = label;
        this.setting = setting;
    }

    /** The setting whose presence gives this role. */
    public String setting() {
        return setting;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The role of a configuration that passed {@link RoleRules#check}. */
    public static Role of(LifeboatConfig config) {
        return config.backup().isPresent() ? BACKUP : config.restore().isPresent() ? RESTORE : SERVER;
    }
}
