package org.lifeboat.datastore.influx;

import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code lifeboat.datastores.influx}: an InfluxDB 1.x server, exported as line protocol.
 *
 * <p>Defaults are default methods beside an {@code Optional} setting rather than
 * {@code @WithDefault}: this group is mapped as {@code Optional}, and SmallRye Config counts a
 * {@code @WithDefault} inside an optional group as a configured value (see {@code PostgresConfig}).
 */
public interface InfluxConfig {
    /** The HTTP API, for example {@code http://127.0.0.1:8086}. */
    String url();

    Optional<String> user();

    Optional<Path> passwordFile();

    Optional<String> passwordEnv();

    /** Databases to back up; default all but _internal. */
    Optional<List<String>> databases();

    Optional<List<String>> excludeDatabases();

    /** Measurements never backed up, in every database. */
    Optional<List<String>> excludeMeasurements();

    /** The time window of one query while reading. */
    @WithName("chunk-duration")
    Optional<Duration> chunkDurationSetting();

    /** Default one day. */
    default Duration chunkDuration() {
        return chunkDurationSetting().orElse(Duration.ofDays(1));
    }

    /** Points per query chunk and per restore write. */
    @WithName("batch-size")
    Optional<Integer> batchSizeSetting();

    /** Default 10000. */
    default int batchSize() {
        return batchSizeSetting().orElse(10_000);
    }

    /** Timeout of one HTTP request. */
    @WithName("timeout")
    Optional<Duration> timeoutSetting();

    /** Default five minutes. */
    default Duration timeout() {
        return timeoutSetting().orElse(Duration.ofMinutes(5));
    }
}
