package org.lifeboat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.keys.KeyFiles;

class KeygenCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private PrintStream realStdout;

    @BeforeEach
    void captureStdout() {
        realStdout = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(realStdout);
    }

    @Test
    void stateWritesOnlyTheStateIdentityAndSaysWhereItBelongs() throws Exception {
        Path out = dir.resolve("keys");

        Outcome outcome = run("keygen", "--state", "--out", out.toString());

        assertEquals(ExitCodes.OK, outcome.code(), outcome.err());
        Path file = out.resolve(KeyFiles.STATE_IDENTITY);
        try (var files = Files.list(out)) {
            assertEquals(List.of(file), files.toList());
        }
        String publicKey = AgeIdentity.read(file).publicKeys().get(0);
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains(publicKey), printed);
        assertTrue(printed.contains("production, in lifeboat.backup.state-identity-file")
                && printed.contains("never give it to staging"), printed);
        assertFalse(printed.contains("AGE-SECRET-KEY"), "the secret is never printed");
    }

    @Test
    void stateRefusesAnExistingFileWithExitOne() throws Exception {
        Path out = dir.resolve("keys");
        assertEquals(ExitCodes.OK, run("keygen", "--state", "--out", out.toString()).code());
        String before = Files.readString(out.resolve(KeyFiles.STATE_IDENTITY));

        Outcome again = run("keygen", "--state", "--out", out.toString());

        assertEquals(ExitCodes.FAILED, again.code());
        assertTrue(again.err().contains(out.resolve(KeyFiles.STATE_IDENTITY).toString()), again.err());
        assertEquals(before, Files.readString(out.resolve(KeyFiles.STATE_IDENTITY)));
    }

    @Test
    void withoutStateItWritesTheKeySetAndNoStateIdentity() throws Exception {
        Path out = dir.resolve("keys");

        Outcome outcome = run("keygen", "--out", out.toString());

        assertEquals(ExitCodes.OK, outcome.code(), outcome.err());
        for (String name : List.of(KeyFiles.AGE_IDENTITY, KeyFiles.AGE_RECIPIENTS, KeyFiles.SSH_PRIVATE_KEY,
                KeyFiles.SSH_PUBLIC_KEY, KeyFiles.SIGNING_KEY, KeyFiles.SIGNING_PUBLIC_KEY, KeyFiles.ALLOWED_SIGNERS)) {
            assertTrue(Files.exists(out.resolve(name)), name);
        }
        assertFalse(Files.exists(out.resolve(KeyFiles.STATE_IDENTITY)));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("age recipient"));
    }

    private record Outcome(int code, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter err = new StringWriter();
        int code = LifeboatCommand.execute(args, Map.of(), new PrintWriter(err, true));
        return new Outcome(code, err.toString());
    }
}
