package org.lifeboat.datastore.minio;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.testing.ArtifactFixture;
import org.lifeboat.testing.S3Server;

/**
 * What the MinIO tests share: a production and a staging S3 server (the S3Proxy stand-in, real
 * processes), both emptied before each test, and a fresh artifact folder. A test class adds its
 * own buckets in a {@code @BeforeEach} of its own, which JUnit runs after this one's.
 */
abstract class TwoS3Servers {

    static S3Fixture production;
    static S3Fixture staging;

    @TempDir
    Path work;
    ArtifactFixture artifacts;

    @BeforeAll
    static void startServers() {
        production = new S3Fixture(S3Server.start());
        staging = new S3Fixture(S3Server.start());
    }

    @AfterAll
    static void stopServers() {
        production.server.close();
        staging.server.close();
    }

    @BeforeEach
    void emptyServers() throws Exception {
        production.clear();
        staging.clear();
        artifacts = new ArtifactFixture(work);
    }
}
