package org.lifeboat.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/lifeboat inside a bundle's layout (what scripts/package makes) runs the bundle's own
 * runtime with its AOT cache, wherever the bundle was moved. The runtime here is a stand-in
 * that prints how it was called: building a real one (jlink) takes a minute and more. A call that
 * only asks for help or the version runs with the quick compiler alone; every other keeps both.
 */
class LauncherTest {

    @TempDir
    Path work;

    @Test
    void aBundleRunsItsOwnRuntimeWithItsAotCache() throws Exception {
        Path bundle = fakeBundle(work.resolve("moved/anywhere/lifeboat"));
        Scripts.Result run = launch(bundle, Map.of("JAVA_HOME", "/nonexistent"), "--version");
        assertEquals(0, run.code(), run.output());
        assertEquals("runtime -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:AOTCache=" + bundle.resolve("lib/lifeboat.aot")
                + " -jar " + bundle.resolve("quarkus-app/quarkus-run.jar") + " --version", run.output().strip());
        Scripts.Result help = launch(bundle, Map.of(), "backup", "--help");
        assertTrue(help.output().contains("-XX:TieredStopAtLevel=1"), help.output());

        Scripts.Result off = launch(bundle, Map.of("LIFEBOAT_AOT", "off", "LIFEBOAT_JAVA_OPTS", "-Xmx128m"), "list");
        assertEquals("runtime -Xmx128m -jar " + bundle.resolve("quarkus-app/quarkus-run.jar") + " list", off.output().strip());

        Files.delete(bundle.resolve("lib/lifeboat.aot"));
        Scripts.Result noCache = launch(bundle, Map.of(), "list");
        assertTrue(!noCache.output().contains("AOTCache"), noCache.output());
        assertTrue(!noCache.output().contains("TieredStopAtLevel"), noCache.output());
        Scripts.Result backup = launch(bundle, Map.of(), "backup", "--datastore", "--help");
        assertTrue(!backup.output().contains("TieredStopAtLevel"), "three words are a command, not a question: " + backup.output());
    }

    @Test
    void withoutAnApplicationItSaysHowToBuildOne() throws Exception {
        Path empty = work.resolve("empty");
        Files.createDirectories(empty.resolve("bin"));
        Files.copy(HelmChart.REPO.resolve("bin/lifeboat"), empty.resolve("bin/lifeboat"));
        Scripts.Result run = launch(empty, Map.of(), "--version");
        assertEquals(2, run.code(), run.output());
        assertTrue(run.output().contains("scripts/package"), run.output());
    }

    private static Path fakeBundle(Path bundle) throws IOException {
        Files.createDirectories(bundle.resolve("bin"));
        Files.createDirectories(bundle.resolve("runtime/bin"));
        Files.createDirectories(bundle.resolve("quarkus-app"));
        Files.createDirectories(bundle.resolve("lib"));
        Files.copy(HelmChart.REPO.resolve("bin/lifeboat"), bundle.resolve("bin/lifeboat"));
        Files.writeString(bundle.resolve("runtime/bin/java"), "#!/bin/sh\necho runtime \"$@\"\n");
        Files.setPosixFilePermissions(bundle.resolve("runtime/bin/java"), PosixFilePermissions.fromString("rwx------"));
        Files.writeString(bundle.resolve("quarkus-app/quarkus-run.jar"), "");
        Files.writeString(bundle.resolve("lib/lifeboat.aot"), "");
        return bundle;
    }

    private static Scripts.Result launch(Path bundle, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(java.util.stream.Stream.concat(
                java.util.stream.Stream.of(bundle.resolve("bin/lifeboat").toString()), java.util.Arrays.stream(args)).toList())
                .redirectErrorStream(true);
        builder.environment().remove("LIFEBOAT_HOME");
        builder.environment().remove("LIFEBOAT_JAVA_OPTS");
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/lifeboat did not finish");
        }
        return new Scripts.Result(process.exitValue(), out);
    }
}
