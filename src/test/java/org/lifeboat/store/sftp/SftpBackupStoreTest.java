package org.lifeboat.store.sftp;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.BackupStoreContract;
import org.lifeboat.testing.ClassServer;
import org.lifeboat.testing.SshServer;

/** The store contract on a real OpenSSH server on this machine. */
class SftpBackupStoreTest extends BackupStoreContract {

    @RegisterExtension
    static final ClassServer<SshServer> server = new ClassServer<>(SshServer::start);
    private String root;

    @Override
    protected BackupStore createStore() throws Exception {
        root = server.get().root();
        return new SftpBackupStore(server.get().settings(root));
    }

    @Override
    protected Path localRoot() {
        return Path.of(root);
    }
}
