package org.lifeboat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lifeboat.testing.CommandRun;

class BenchmarkCommandTest {

    @Test
    void movesTheGivenSizeThroughTheEncoderAndDecoderAndTheSshCipher() {
        CommandRun.Outcome outcome = CommandRun.run("benchmark", "--size", "8");

        assertEquals(ExitCodes.OK, outcome.code(), outcome.err());
        Matcher pipeline = Pattern.compile("(\\d+) MB/s of plaintext, 8388608 bytes in [0-9.]+ s, ([0-9.]+):1 compressed,"
                + " both digests checked").matcher(outcome.out());
        assertTrue(pipeline.find(), outcome.out());
        assertTrue(Integer.parseInt(pipeline.group(1)) > 0, outcome.out());
        assertTrue(Double.parseDouble(pipeline.group(2)) > 2, "the records compress as table rows do: " + outcome.out());
        Matcher cipher = Pattern.compile("aes128-gcm@openssh.com, 32 KiB packets\\): seal (\\d+) MB/s, open (\\d+) MB/s")
                .matcher(outcome.out());
        assertTrue(cipher.find(), outcome.out());
        assertTrue(Integer.parseInt(cipher.group(1)) > 0 && Integer.parseInt(cipher.group(2)) > 0, outcome.out());
    }

    @Test
    void aSizeOutOfRangeIsAConfigurationError() {
        CommandRun.Outcome outcome = CommandRun.run("benchmark", "--size", "0");

        assertEquals(ExitCodes.USAGE, outcome.code(), outcome.err());
        assertTrue(outcome.err().contains("--size must be 1 to 1048576 MiB, not 0"), outcome.err());
    }
}
