package org.lifeboat.store.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Generates throw-away ed25519 key pairs with {@code ssh-keygen}. */
final class SshKeys {

    private SshKeys() {
    }

    static void generate(Path privateKey) throws Exception {
        Process process = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", privateKey.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "ssh-keygen failed: " + output);
    }
}
