package org.lifeboat.store.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.testing.ClassServer;
import org.lifeboat.testing.SshServer;

/** The server must prove it is the one pinned in known_hosts, and the client must have its key. */
class SftpHostKeyTest {

    @RegisterExtension
    static final ClassServer<SshServer> server = new ClassServer<>(SshServer::start);

    @TempDir
    Path temp;

    private IOException refusedWith(Path knownHosts) throws IOException {
        SftpSettings pinned = server.get().settings(server.get().root());
        SftpSettings settings = new SftpSettings(pinned.host(), pinned.port(), pinned.user(), pinned.privateKeyFile(),
                knownHosts, pinned.root(), Duration.ofSeconds(10));
        try (SftpBackupStore store = new SftpBackupStore(settings)) {
            return assertThrows(IOException.class, () -> store.list(""));
        }
    }

    @Test
    void unknownHostKeyIsRefusedShowingItsFingerprint() throws Exception {
        Path empty = Files.createFile(temp.resolve("known_hosts"));
        IOException e = refusedWith(empty);
        assertMentions(e, "127.0.0.1:" + server.get().port(), "unknown", fingerprint(server.get().hostPublicKey()),
                empty.toString());
    }

    @Test
    void changedHostKeyIsRefusedShowingItsFingerprint() throws Exception {
        Path other = temp.resolve("other_ed25519");
        SshKeys.generate(other);
        String otherKey = Files.readString(Path.of(other + ".pub")).split(" ")[1];
        Path knownHosts = Files.writeString(temp.resolve("known_hosts"),
                "[127.0.0.1]:" + server.get().port() + " ssh-ed25519 " + otherKey + "\n");
        IOException e = refusedWith(knownHosts);
        assertMentions(e, "127.0.0.1:" + server.get().port(), "changed", fingerprint(server.get().hostPublicKey()),
                knownHosts.toString());
    }

    @Test
    void missingKeyFilesAreNamed() throws Exception {
        SftpSettings pinned = server.get().settings(server.get().root());
        Path noKey = temp.resolve("no_such_key");
        SftpSettings withoutKey = new SftpSettings(pinned.host(), pinned.port(), pinned.user(), noKey,
                pinned.knownHostsFile(), pinned.root(), Duration.ofSeconds(10));
        try (SftpBackupStore store = new SftpBackupStore(withoutKey)) {
            assertMentions(assertThrows(IOException.class, () -> store.stat("x")), noKey.toString(), "missing");
        }
        Path noKnownHosts = temp.resolve("no_known_hosts");
        SftpSettings withoutKnownHosts = new SftpSettings(pinned.host(), pinned.port(), pinned.user(),
                pinned.privateKeyFile(), noKnownHosts, pinned.root(), Duration.ofSeconds(10));
        try (SftpBackupStore store = new SftpBackupStore(withoutKnownHosts)) {
            assertMentions(assertThrows(IOException.class, () -> store.stat("x")), noKnownHosts.toString(), "missing");
        }
    }

    @Test
    void describesWithoutSecrets() throws Exception {
        SftpSettings settings = server.get().settings("/srv/lifeboat");
        assertEquals("sftp://lifeboat-test@127.0.0.1:" + server.get().port() + "/srv/lifeboat",
                new SftpBackupStore(settings).describe());
    }

    @Test
    void wildcardPathsAreRefusedBeforeConnecting() {
        SftpBackupStore store = new SftpBackupStore(server.get().settings("/nowhere"));
        assertThrows(IllegalArgumentException.class, () -> store.write("a*"));
        assertThrows(IllegalArgumentException.class, () -> store.stat("a?"));
        assertThrows(IllegalArgumentException.class, () -> store.makeFolders("x/*"));
    }

    static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().toLowerCase().contains(part.toLowerCase()),
                    () -> "'" + part + "' missing from: " + e.getMessage());
        }
    }

    /** The fingerprint as {@code ssh-keygen -lf} prints it, the reference the message must match. */
    static String fingerprint(Path publicKey) throws Exception {
        Process process = new ProcessBuilder("ssh-keygen", "-lf", publicKey.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output.split(" ")[1];
    }
}
