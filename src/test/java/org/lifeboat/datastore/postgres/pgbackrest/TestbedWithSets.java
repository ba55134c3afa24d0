package org.lifeboat.datastore.postgres.pgbackrest;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.testing.PostgresSampleData;

/**
 * What the pgBackRest tests that back up and restore through sets share: a {@link PgBackRestTestbed}
 * for the class and the {@link SetsOnDisk} in a temporary folder of the class. A test class adds
 * its own data in a {@code @BeforeAll} of its own, which JUnit runs after this one's (and its
 * {@code @AfterAll} before this one closes the testbed).
 */
abstract class TestbedWithSets {

    static PgBackRestTestbed testbed;
    static SetsOnDisk sets;

    @TempDir
    static Path work;

    @BeforeAll
    static void startTestbed() throws Exception {
        testbed = PgBackRestTestbed.start();
        sets = new SetsOnDisk(work);
    }

    @AfterAll
    static void stopTestbed() throws Exception {
        if (testbed != null) {
            testbed.close();
        }
    }

    /** Database {@code db} on both clusters, with 120 sample rows on production and 6 on staging. */
    static void createSampleDatabase(String db) throws Exception {
        testbed.production.createDatabase(db);
        PostgresSampleData.create(testbed.production, db, 120);
        testbed.staging.createDatabase(db);
        PostgresSampleData.create(testbed.staging, db, 6);
    }
}
