package org.lifeboat.datastore.minio;

import io.smallrye.config.WithConverter;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code lifeboat.datastores.minio}: a MinIO (or any S3) server, backed up through the MinIO SDK.
 *
 * <p>Defaults are default methods beside an {@code Optional} setting rather than
 * {@code @WithDefault}: this group is mapped as {@code Optional}, and SmallRye Config counts a
 * {@code @WithDefault} inside an optional group as a configured value (see {@code PostgresConfig}).
 */
public interface MinioConfig {
    /** How it is backed up. */
    @WithName("mode")
    @WithConverter(MinioMode.Converter.class)
    Optional<MinioMode> modeSetting();

    /** Default clone. */
    default MinioMode mode() {
        return modeSetting().orElse(MinioMode.clone);
    }

    /** The server's URL, for example {@code http://127.0.0.1:9000}. */
    String endpoint();

    String accessKey();

    /** A file holding the secret key (0600). */
    Optional<Path> secretKeyFile();

    /** Or the name of an environment variable holding it. */
    Optional<String> secretKeyEnv();

    /** Buckets to back up; default every bucket. */
    Optional<List<String>> buckets();

    Optional<List<String>> excludeBuckets();

    /** Objects never backed up, as {@code bucket/key-prefix}. */
    Optional<List<String>> excludePrefixes();

    /** Objects moved at once, backup and restore ({@link MinioSettings#MIN_TRANSFERS} to {@link MinioSettings#MAX_TRANSFERS}). */
    @WithName("transfers")
    Optional<Integer> transfersSetting();

    /** Default {@value MinioSettings#DEFAULT_TRANSFERS}. */
    default int transfers() {
        return transfersSetting().orElse(MinioSettings.DEFAULT_TRANSFERS);
    }
}
