package org.lifeboat.testing;

import java.nio.file.Path;
import org.lifeboat.keys.KeyFiles;

/**
 * The pieces of a Lifeboat configuration that tests write alike: the head with an SFTP store, the
 * backup role's keys, a PostgreSQL or MinIO datastore on a local server. Each piece ends with a newline and
 * is indented as it stands in the file, so that pieces and a test's own lines can be joined.
 */
public final class ConfigYaml {

    private ConfigYaml() {
    }

    /** {@code lifeboat:}, its {@code environment} and an SFTP store on 127.0.0.1 at {@code root}. */
    public static String sftpHead(String environment, String root, int port, String user, Path privateKeyFile,
            Path knownHostsFile) {
        return """
                lifeboat:
                  environment: %s
                  store:
                    type: sftp
                    root: %s
                    sftp:
                      host: 127.0.0.1
                      port: %d
                      user: %s
                      private-key-file: %s
                      known-hosts-file: %s
                """.formatted(environment, root, port, user, privateKeyFile, knownHostsFile);
    }

    /** {@code lifeboat.backup} with the age recipients and the signing key that {@link KeyFiles} wrote to {@code keys}. */
    public static String backupRole(Path keys) {
        return """
                  backup:
                    recipients-file: %s
                    signing-key-file: %s
                """.formatted(keys.resolve(KeyFiles.AGE_RECIPIENTS), keys.resolve(KeyFiles.SIGNING_KEY));
    }

    /** {@code postgres:} under {@code lifeboat.datastores}: {@code server} over TCP on 127.0.0.1, with its password file and tools. */
    public static String postgres(PostgresServer server) {
        return """
                    postgres:
                      host: 127.0.0.1
                      port: %d
                      password-file: %s
                      bin-dir: %s
                """.formatted(server.port(), server.passwordFile(), server.binDir());
    }

    /** {@code minio:} under {@code lifeboat.datastores}: the S3 server {@code s3}, its secret key in {@code secretKeyFile}. */
    public static String minio(S3Server s3, Path secretKeyFile) {
        return """
                    minio:
                      endpoint: %s
                      access-key: %s
                      secret-key-file: %s
                """.formatted(s3.endpoint(), s3.accessKey(), secretKeyFile);
    }
}
