package org.lifeboat.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.testing.Shell;

/**
 * Manifest signatures against OpenSSH's own {@code ssh-keygen -Y}: what Lifeboat signs, OpenSSH
 * verifies, and what OpenSSH signs, Lifeboat verifies; and every way a signature can be wrong.
 */
class ManifestSignatureTest {

    @TempDir
    Path dir;

    private Path keys;
    private SigningKey key;
    private AllowedSigners allowed;
    private final byte[] manifest = "{\"set\":\"2026-12-02\",\"digests\":\"…\"}\n".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void keys() throws IOException {
        keys = dir.resolve("keys");
        KeyFiles.generate(keys);
        key = SigningKey.read(keys.resolve(KeyFiles.SIGNING_KEY));
        allowed = AllowedSigners.read(keys.resolve(KeyFiles.ALLOWED_SIGNERS));
    }

    @Test
    void sshKeygenVerifiesWhatLifeboatSigns() throws Exception {
        Path file = Files.write(dir.resolve("manifest.json"), manifest);
        Files.writeString(dir.resolve("manifest.json.sig"), ManifestSignature.sign(manifest, key));
        String out = Shell.run("ssh-keygen -Y verify -f \"$ALLOWED\" -I lifeboat -n lifeboat-manifest -s \"$SIG\" < \"$FILE\"",
                Map.of("ALLOWED", keys.resolve(KeyFiles.ALLOWED_SIGNERS).toString(), "SIG", dir.resolve("manifest.json.sig").toString(),
                        "FILE", file.toString()));
        assertTrue(out.contains("Good \"lifeboat-manifest\" signature for lifeboat"), out);
        Files.write(file, "{\"set\":\"forged\"}\n".getBytes(StandardCharsets.UTF_8));
        assertThrows(AssertionError.class, () -> Shell.run(
                "ssh-keygen -Y verify -f \"$ALLOWED\" -I lifeboat -n lifeboat-manifest -s \"$SIG\" < \"$FILE\"",
                Map.of("ALLOWED", keys.resolve(KeyFiles.ALLOWED_SIGNERS).toString(), "SIG", dir.resolve("manifest.json.sig").toString(),
                        "FILE", file.toString())), "OpenSSH refuses a changed manifest too");
    }

    @Test
    void lifeboatVerifiesWhatSshKeygenSigns() throws Exception {
        Path file = Files.write(dir.resolve("manifest.json"), manifest);
        Shell.run("ssh-keygen -q -Y sign -f \"$KEY\" -n lifeboat-manifest \"$FILE\"",
                Map.of("KEY", keys.resolve(KeyFiles.SIGNING_KEY).toString(), "FILE", file.toString()));
        String signature = Files.readString(dir.resolve("manifest.json.sig"));
        assertEquals("lifeboat", ManifestSignature.verify(manifest, signature, allowed, "manifest.json.sig"));
    }

    @Test
    void aChangedManifestIsRefused() throws IOException {
        String signature = ManifestSignature.sign(manifest, key);
        byte[] changed = manifest.clone();
        changed[3] ^= 1;
        IOException e = assertThrows(IOException.class, () -> ManifestSignature.verify(changed, signature, allowed, "sig"));
        assertTrue(e.getMessage().contains("does not match the manifest"), e.getMessage());
    }

    @Test
    void aSignatureByAnotherKeyIsRefusedNamingItsFingerprint() throws IOException {
        KeyFiles.generate(dir.resolve("other"));
        SigningKey other = SigningKey.read(dir.resolve("other").resolve(KeyFiles.SIGNING_KEY));
        String signature = ManifestSignature.sign(manifest, other);
        IOException e = assertThrows(IOException.class, () -> ManifestSignature.verify(manifest, signature, allowed, "sig"));
        assertTrue(e.getMessage().contains(other.publicKey().fingerprint()) && e.getMessage().contains("does not allow"),
                e.getMessage());
    }

    @Test
    void aSignatureForAnotherNamespaceIsRefused() throws Exception {
        Path file = Files.write(dir.resolve("manifest.json"), manifest);
        Shell.run("ssh-keygen -q -Y sign -f \"$KEY\" -n file \"$FILE\"",
                Map.of("KEY", keys.resolve(KeyFiles.SIGNING_KEY).toString(), "FILE", file.toString()));
        String signature = Files.readString(dir.resolve("manifest.json.sig"));
        IOException e = assertThrows(IOException.class, () -> ManifestSignature.verify(manifest, signature, allowed, "sig"));
        assertTrue(e.getMessage().contains("for 'file'"), e.getMessage());
    }

    @Test
    void anAllowedSignerLimitedToOtherNamespacesDoesNotCount() throws IOException {
        String line = Files.readString(keys.resolve(KeyFiles.ALLOWED_SIGNERS)).replace("lifeboat-manifest", "git");
        AllowedSigners gitOnly = AllowedSigners.parse(line, "allowed");
        String signature = ManifestSignature.sign(manifest, key);
        assertThrows(IOException.class, () -> ManifestSignature.verify(manifest, signature, gitOnly, "sig"));
    }

    @Test
    void notASignatureAndAnUnknownOptionAreRefused() {
        assertThrows(IOException.class, () -> ManifestSignature.verify(manifest, "hello", allowed, "sig"));
        IOException e = assertThrows(IOException.class, () -> AllowedSigners.parse(
                "lifeboat cert-authority ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOcF2wZ8n4xbqpr8MWEEGePR1JaXdvqpFjYQL7m9Ga3T", "allowed"));
        assertTrue(e.getMessage().contains("namespaces"), e.getMessage());
    }

    @Test
    void aPassphraseProtectedKeyIsRefusedWithoutPrintingIt() throws Exception {
        Path protectedKey = dir.resolve("protected");
        Shell.run("ssh-keygen -q -t ed25519 -N secret-pass -f \"$KEY\"", Map.of("KEY", protectedKey.toString()));
        IOException e = assertThrows(IOException.class, () -> SigningKey.read(protectedKey));
        assertTrue(e.getMessage().contains("passphrase") && !e.getMessage().contains("secret-pass"), e.getMessage());
    }
}
