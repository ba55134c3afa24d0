package org.lifeboat.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.lifeboat.ConfigException;
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.keys.AgeRecipients;
import org.lifeboat.keys.KeyFiles;
import org.lifeboat.pipeline.PipelineBenchmark;
import org.lifeboat.store.sftp.TransportCipherBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lifeboat benchmark}: this machine's own speed for the work a backup and a restore do
 * themselves, with no server and no configuration (like {@code borg benchmark cpu}), so that a slow
 * night can be told apart from a slow machine. Keys are made in memory for the run and dropped.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Measure this machine's pipeline with no server and no configuration: generated records through the"
                + " backup's encoder (zstd, age, SHA-256) and the restore's decoder at once, checked end to end; then the SSH"
                + " transport cipher. Nothing is written to disk; keys are made in memory and dropped."})
final class BenchmarkCommand implements Callable<Integer> {

    @Option(names = "--size", paramLabel = "MiB", defaultValue = "256", description = "plaintext to move (default 256 MiB)")
    long mebibytes;

    @Option(names = "--zstd-level", paramLabel = "N", defaultValue = "3", description = "zstd level, as lifeboat.backup.compression-level"
            + " (default 3)")
    int zstdLevel;

    @Override
    public Integer call() throws Exception {
        if (mebibytes < 1 || mebibytes > 1024 * 1024) {
            throw new ConfigException("--size must be 1 to 1048576 MiB, not " + mebibytes);
        }
        if (zstdLevel < 1 || zstdLevel > 19) {
            throw new ConfigException("--zstd-level must be 1 to 19, not " + zstdLevel);
        }
        long bytes = mebibytes * 1024 * 1024;
        AgeIdentity identity = KeyFiles.ephemeralIdentity();
        AgeRecipients recipients = AgeRecipients.parse(String.join("\n", identity.publicKeys()), "the in-memory recipient");
        PipelineBenchmark.Result pipeline = PipelineBenchmark.roundTrip(bytes, zstdLevel, recipients, identity);
        System.out.printf("pipeline (zstd -%d, age, SHA-256 both sides; encoder and decoder at once): %.0f MB/s of plaintext,"
                + " %d bytes in %.2f s, %.2f:1 compressed, both digests checked%n", zstdLevel, pipeline.megabytesPerSecond(),
                pipeline.digests().plainBytes(), pipeline.nanos() / 1e9,
                pipeline.digests().plainBytes() / (double) pipeline.digests().storedBytes());
        TransportCipherBenchmark.Result cipher = TransportCipherBenchmark.run(Math.min(bytes, 1L << 30));
        System.out.printf("ssh transport (%s, 32 KiB packets): seal %.0f MB/s, open %.0f MB/s%n", TransportCipherBenchmark.CIPHER,
                cipher.sealMegabytesPerSecond(), cipher.openMegabytesPerSecond());
        System.out.println("runtime: " + String.join(" ", List.of(System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"))) + ", " + Runtime.getRuntime().availableProcessors() + " processors");
        return ExitCodes.OK;
    }
}
