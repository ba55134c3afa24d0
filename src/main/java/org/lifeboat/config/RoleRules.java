package org.lifeboat.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lifeboat.ConfigException;

/** Checks across settings that a mapping cannot express; each failure names the setting. */
final class RoleRules {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private RoleRules() {
    }

    static void check(LifeboatConfig config, Path file) {
        String where = "configuration '" + file + "': ";
        boolean backup = config.backup().isPresent();
        boolean restore = config.restore().isPresent();
        boolean server = config.server().isPresent();
        int roles = (backup ? 1 : 0) + (restore ? 1 : 0) + (server ? 1 : 0);
        if (roles > 1) {
            throw new ConfigException(where + (backup && restore ? "both lifeboat.backup and lifeboat.restore"
                    : "lifeboat.server and lifeboat." + (backup ? "backup" : "restore")) + " are set;"
                    + " a server has exactly one role: keep lifeboat.backup on production, lifeboat.restore on staging,"
                    + " lifeboat.server on the backup server");
        }
        if (roles == 0) {
            throw new ConfigException(where + "no role: set lifeboat.backup (production) or lifeboat.restore (staging),"
                    + " or lifeboat.server on the backup server");
        }
        if (server && config.store().type() != LifeboatConfig.StoreType.local) {
            throw new ConfigException(where + "lifeboat.server runs on the backup server itself: lifeboat.store.type must be"
                    + " local (the folder holding the environments), not " + config.store().type());
        }
        requireName(where, "lifeboat.environment", config.environment());
        config.restore().ifPresent(r -> requireName(where, "lifeboat.restore.source-environment", r.sourceEnvironment()));
        config.backup().ifPresent(b -> {
            if (b.compressionLevel() < 1 || b.compressionLevel() > 19) {
                throw new ConfigException(where + "lifeboat.backup.compression-level must be 1 to 19, not " + b.compressionLevel());
            }
        });
        config.backup().ifPresent(b -> config.store().sftp().ifPresent(sftp -> {
            if (b.signingKeyFile().map(Path::normalize).equals(Optional.of(sftp.privateKeyFile().normalize()))) {
                throw new ConfigException(where + "lifeboat.backup.signing-key-file is the SSH login key"
                        + " (lifeboat.store.sftp.private-key-file): manifests are signed with a key of their own");
            }
        }));
        if (config.store().type() == LifeboatConfig.StoreType.sftp && config.store().sftp().isEmpty()) {
            throw new ConfigException(where + "lifeboat.store.type is sftp but lifeboat.store.sftp is not set");
        }
        LifeboatConfig.Retention retention = config.retention();
        if (retention.daily() < 0 || retention.weekly() < 0 || retention.monthly() < 0) {
            throw new ConfigException(where + "lifeboat.retention.daily, weekly and monthly must not be negative");
        }
        for (DatastoreKinds.Configured<?> datastore : DatastoreKinds.configured(config)) {
            List<String> problems = datastore.problems();
            if (!problems.isEmpty()) {
                throw new ConfigException(where + String.join("; ", problems));
            }
            if (datastore.keepsMirror() && backup && config.backup().get().stateIdentityFile().isEmpty()) {
                throw new ConfigException(where + datastore.kind().prefix() + ".mode keeps a mirror but"
                        + " lifeboat.backup.state-identity-file is not set (the backup role's own age identity, which reads the"
                        + " previous night's index; `lifeboat keygen --state` makes one)");
            }
        }
    }

    private static void requireName(String where, String setting, String value) {
        if (!NAME.matcher(value).matches()) {
            throw new ConfigException(where + setting + " must be lower-case letters, digits, '-' or '_' (it names a folder), not '"
                    + value + "'");
        }
    }
}
