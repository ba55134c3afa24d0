package org.lifeboat.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the repository's scripts as an operator would, with a timeout, stdout and stderr together. */
final class Scripts {

    private static final long TIMEOUT_SECONDS = 300;

    private Scripts() {
    }

    /** What a script did. */
    record Result(int code, String output) {
    }

    /** A launcher script in {@code dir} that runs this test JVM's classpath as {@code lifeboat}. */
    static Path launcher(Path dir) throws IOException {
        Path file = dir.resolve("lifeboat");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(file, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + LifeboatCli.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    static Result run(Map<String, String> env, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(HelmChart.REPO.resolve(script).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                out[0] = process.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = ("(unable to read the output: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
            }
        });
        reader.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        reader.join();
        return new Result(process.exitValue(), new String(out[0], StandardCharsets.UTF_8));
    }
}
