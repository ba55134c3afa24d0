package org.lifeboat.datastore;

import java.nio.file.Path;
import java.util.Optional;
import org.lifeboat.keys.Secrets;

/**
 * What a {@link DatastoreFamily} may need from the rest of the appliance to build a datastore,
 * besides its own configuration.
 *
 * @param secrets reads the passwords its configuration names
 * @param setsEnvironment the environment whose sets this server writes or reads
 * @param storeRoot the backup server's folder holding one folder per environment
 * @param backupServer the SSH backup server, when the store is one
 * @param retentionDaily the daily sets retention keeps ({@code lifeboat.retention.daily})
 * @param retentionWeekly the weekly sets it keeps ({@code lifeboat.retention.weekly})
 * @param pointInTime a restore to a moment between backups instead of the backup itself
 * @param keepReplaced a committed restore keeps the newest copy of the live data it replaced
 *     ({@code lifeboat.restore.keep-replaced})
 */
public record DatastoreContext(Secrets secrets, String setsEnvironment, String storeRoot, Optional<SshServer> backupServer,
        int retentionDaily, int retentionWeekly, Optional<PointInTime> pointInTime, boolean keepReplaced) {

    /**
     * An SSH server and its pinned host key.
     *
     * @param host its name or address
     * @param port its SSH port
     * @param knownHostsFile the file that pins its host key
     */
    public record SshServer(String host, int port, Path knownHostsFile) {
    }
}
