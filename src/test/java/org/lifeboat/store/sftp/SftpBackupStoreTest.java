package org.lifeboat.store.sftp;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.BackupStoreContract;
import org.lifeboat.testing.SshServer;

/** The store contract on a real OpenSSH server on this machine. */
class SftpBackupStoreTest extends BackupStoreContract {

    private static SshServer server;
    private String root;

    @BeforeAll
    static void startServer() throws Exception {
        server = SshServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected BackupStore createStore() throws Exception {
        root = server.root();
        return new SftpBackupStore(server.settings(root));
    }

    @Override
    protected Path localRoot() {
        return Path.of(root);
    }
}
