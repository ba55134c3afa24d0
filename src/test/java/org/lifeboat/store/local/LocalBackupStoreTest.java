package org.lifeboat.store.local;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.BackupStoreContract;

/** The store contract on a local folder. */
class LocalBackupStoreTest extends BackupStoreContract {

    @TempDir
    Path root;

    @Override
    protected BackupStore createStore() {
        return new LocalBackupStore(root.resolve("store"));
    }

    @Override
    protected Path localRoot() {
        return root.resolve("store");
    }
}
