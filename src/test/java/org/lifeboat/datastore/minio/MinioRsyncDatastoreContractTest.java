package org.lifeboat.datastore.minio;

/** The datastore contract for MinIO in rsync mode: the same data and servers as clone mode's. */
class MinioRsyncDatastoreContractTest extends MinioCloneDatastoreContractTest {

    @Override
    protected String mode() {
        return MinioSettings.RSYNC;
    }
}
