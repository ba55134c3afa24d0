package org.lifeboat.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.JSch;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesOwnerOnlyFilesAndReturnsThePublicParts() throws Exception {
        GeneratedKeys keys = KeyFiles.generate(dir.resolve("keys"));

        for (String name : List.of(KeyFiles.AGE_IDENTITY, KeyFiles.AGE_RECIPIENTS, KeyFiles.SSH_PRIVATE_KEY,
                KeyFiles.SSH_PUBLIC_KEY, KeyFiles.SIGNING_KEY, KeyFiles.SIGNING_PUBLIC_KEY, KeyFiles.ALLOWED_SIGNERS)) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(keys.folder().resolve(name))), name);
        }
        assertTrue(keys.ageRecipient().startsWith("age1"), keys.ageRecipient());
        assertTrue(keys.sshPublicKey().startsWith("ssh-ed25519 AAAA"), keys.sshPublicKey());
        assertEquals(List.of(keys.ageRecipient()),
                AgeRecipients.read(keys.folder().resolve(KeyFiles.AGE_RECIPIENTS)).publicKeys());
        assertEquals(List.of(keys.ageRecipient()),
                AgeIdentity.read(keys.folder().resolve(KeyFiles.AGE_IDENTITY)).publicKeys());
        List<String> identityLines = Files.readAllLines(keys.folder().resolve(KeyFiles.AGE_IDENTITY));
        assertTrue(identityLines.get(0).startsWith("# created: "), identityLines.get(0));
        assertEquals("# public key: " + keys.ageRecipient(), identityLines.get(1));
    }

    @Test
    void ageKeysWorkWithTheAgeCli() throws Exception {
        GeneratedKeys keys = KeyFiles.generate(dir.resolve("keys"));
        byte[] plain = new byte[100_000];
        new Random(7).nextBytes(plain);
        Path input = Files.write(dir.resolve("plain.bin"), plain);
        Path encrypted = dir.resolve("plain.bin.age");
        Path decrypted = dir.resolve("decrypted.bin");

        ExternalTools.run(input, encrypted, "age", "-R", keys.folder().resolve(KeyFiles.AGE_RECIPIENTS).toString());
        ExternalTools.run(encrypted, decrypted, "age", "-d", "-i",
                keys.folder().resolve(KeyFiles.AGE_IDENTITY).toString());

        assertArrayEquals(plain, Files.readAllBytes(decrypted));
        assertEquals(keys.ageRecipient(), ExternalTools.output("age-keygen", "-y",
                keys.folder().resolve(KeyFiles.AGE_IDENTITY).toString()).strip());
    }

    @Test
    void sshKeyIsReadByOpenSshAndJsch() throws Exception {
        GeneratedKeys keys = KeyFiles.generate(dir.resolve("keys"));
        Path privateKey = keys.folder().resolve(KeyFiles.SSH_PRIVATE_KEY);

        String derived = ExternalTools.output("ssh-keygen", "-y", "-f", privateKey.toString());
        JSch jsch = new JSch();
        jsch.addIdentity(privateKey.toString());

        assertEquals(keyOnly(keys.sshPublicKey()), keyOnly(derived));
        assertEquals(keys.sshPublicKey(),
                Files.readString(keys.folder().resolve(KeyFiles.SSH_PUBLIC_KEY), StandardCharsets.US_ASCII).strip());
        assertEquals(1, jsch.getIdentityRepository().getIdentities().size());
    }

    @Test
    void refusesToOverwriteAnything() throws Exception {
        Path folder = dir.resolve("keys");
        Files.createDirectories(folder);
        Path existing = Files.writeString(folder.resolve(KeyFiles.SSH_PUBLIC_KEY), "keep me");

        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> KeyFiles.generate(folder));

        assertTrue(e.getMessage().contains(existing.toString()), e.getMessage());
        assertEquals("keep me", Files.readString(existing));
        try (var files = Files.list(folder)) {
            assertEquals(1, files.count(), "nothing else may be written");
        }
    }

    @Test
    void stateIdentityIsOneOwnerOnlyFileReadableAsAnIdentity() throws Exception {
        Path folder = dir.resolve("state");

        String publicKey = KeyFiles.generateState(folder);

        Path file = folder.resolve(KeyFiles.STATE_IDENTITY);
        try (var files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(publicKey.startsWith("age1"), publicKey);
        assertEquals(List.of(publicKey), AgeIdentity.read(file).publicKeys());
        List<String> lines = Files.readAllLines(file);
        assertEquals("# public key: " + publicKey, lines.get(1));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("#") && l.contains("lifeboat.backup.state-identity-file")
                && l.contains("staging")), lines.toString());
        assertEquals(publicKey, ExternalTools.output("age-keygen", "-y", file.toString()).strip());
    }

    @Test
    void stateIdentityGoesNextToAKeySetAndIsNewEachTime() throws Exception {
        GeneratedKeys keys = KeyFiles.generate(dir.resolve("keys"));

        String state = KeyFiles.generateState(keys.folder());
        String other = KeyFiles.generateState(dir.resolve("other"));

        assertTrue(!state.equals(keys.ageRecipient()) && !state.equals(other), state);
        assertEquals(List.of(keys.ageRecipient()),
                AgeRecipients.read(keys.folder().resolve(KeyFiles.AGE_RECIPIENTS)).publicKeys());
    }

    @Test
    void stateIdentityRefusesToOverwrite() throws Exception {
        Path folder = dir.resolve("state");
        Files.createDirectories(folder);
        Path existing = Files.writeString(folder.resolve(KeyFiles.STATE_IDENTITY), "keep me");

        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> KeyFiles.generateState(folder));

        assertTrue(e.getMessage().contains(existing.toString()), e.getMessage());
        assertEquals("keep me", Files.readString(existing));
        try (var files = Files.list(folder)) {
            assertEquals(1, files.count(), "nothing else may be written");
        }
    }

    private static String keyOnly(String publicKeyLine) {
        String[] words = publicKeyLine.strip().split(" ");
        return words[0] + " " + words[1];
    }
}
