package org.lifeboat.config;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Checks across settings that a mapping cannot express; each failure names the setting. */
final class RoleRules {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private RoleRules() {
    }

    static void check(LifeboatConfig config, Path file) {
        String where = "configuration '" + file + "': ";
        boolean backup = config.backup().isPresent();
        boolean restore = config.restore().isPresent();
        if (backup && restore) {
            throw new ConfigException(where + "both lifeboat.backup and lifeboat.restore are set;"
                    + " a server has exactly one role: keep lifeboat.backup on production, lifeboat.restore on staging");
        }
        if (!backup && !restore) {
            throw new ConfigException(where + "no role: set lifeboat.backup (production) or lifeboat.restore (staging)");
        }
        requireName(where, "lifeboat.environment", config.environment());
        config.restore().ifPresent(r -> requireName(where, "lifeboat.restore.source-environment", r.sourceEnvironment()));
        config.backup().ifPresent(b -> {
            if (b.compressionLevel() < 1 || b.compressionLevel() > 19) {
                throw new ConfigException(where + "lifeboat.backup.compression-level must be 1 to 19, not " + b.compressionLevel());
            }
        });
        if (config.store().type() == LifeboatConfig.StoreType.sftp && config.store().sftp().isEmpty()) {
            throw new ConfigException(where + "lifeboat.store.type is sftp but lifeboat.store.sftp is not set");
        }
        LifeboatConfig.Retention retention = config.retention();
        if (retention.daily() < 0 || retention.weekly() < 0 || retention.monthly() < 0) {
            throw new ConfigException(where + "lifeboat.retention.daily, weekly and monthly must not be negative");
        }
        config.datastores().minio().ifPresent(minio -> {
            if (!minio.mode().equals("clone") && !minio.mode().equals("rsync")) {
                throw new ConfigException(where + "lifeboat.datastores.minio.mode must be 'clone' or 'rsync', not '"
                        + minio.mode() + "'");
            }
            if (minio.mode().equals("rsync") && backup && config.backup().get().stateIdentityFile().isEmpty()) {
                throw new ConfigException(where + "lifeboat.datastores.minio.mode is rsync but lifeboat.backup.state-identity-file"
                        + " is not set (the backup role's own age identity, which reads the previous night's index;"
                        + " `lifeboat keygen --state` makes one)");
            }
        });
        config.datastores().postgres().ifPresent(pg -> {
            if (!pg.mode().equals("dump") && !pg.mode().equals("differential")) {
                throw new ConfigException(where + "lifeboat.datastores.postgres.mode must be 'dump' or 'differential', not '"
                        + pg.mode() + "'");
            }
            if (pg.mode().equals("differential") && pg.pgbackrest().isEmpty()) {
                throw new ConfigException(where + "lifeboat.datastores.postgres.mode is differential but "
                        + "lifeboat.datastores.postgres.pgbackrest is not set");
            }
        });
    }

    private static void requireName(String where, String setting, String value) {
        if (!NAME.matcher(value).matches()) {
            throw new ConfigException(where + setting + " must be lower-case letters, digits, '-' or '_' (it names a folder), not '"
                    + value + "'");
        }
    }
}
