package org.lifeboat.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgeIdentityTest {

    @TempDir
    Path dir;

    @Test
    void readsAgeKeygenOutputAndDerivesItsRecipient() throws Exception {
        Path file = dir.resolve("identity.txt");
        ExternalTools.run(null, null, "age-keygen", "-o", file.toString());
        String recipient = ExternalTools.output("age-keygen", "-y", file.toString()).strip();

        AgeIdentity identity = AgeIdentity.read(file);

        assertEquals(List.of(recipient), identity.publicKeys());
        assertEquals(1, identity.stanzaReaders().size());
    }

    @Test
    void readsSeveralIdentities() throws Exception {
        Path first = dir.resolve("one.txt");
        Path second = dir.resolve("two.txt");
        ExternalTools.run(null, null, "age-keygen", "-o", first.toString());
        ExternalTools.run(null, null, "age-keygen", "-o", second.toString());
        Path both = dir.resolve("both.txt");
        KeyFilePermissions.writeOwnerOnly(both, (Files.readString(first) + "\n" + Files.readString(second)).getBytes());

        AgeIdentity identity = AgeIdentity.read(both);

        assertEquals(List.of(ExternalTools.output("age-keygen", "-y", first.toString()).strip(),
                ExternalTools.output("age-keygen", "-y", second.toString()).strip()), identity.publicKeys());
    }

    @Test
    void refusesAFileOthersCanRead() throws Exception {
        Path file = dir.resolve("identity.txt");
        ExternalTools.run(null, null, "age-keygen", "-o", file.toString());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        IOException e = assertThrows(IOException.class, () -> AgeIdentity.read(file));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void neverShowsTheSecret() throws Exception {
        Path file = dir.resolve("identity.txt");
        ExternalTools.run(null, null, "age-keygen", "-o", file.toString());
        String secret = Files.readAllLines(file).get(2);

        AgeIdentity identity = AgeIdentity.read(file);

        assertTrue(secret.startsWith("AGE-SECRET-KEY-1"));
        assertFalse(identity.toString().contains(secret.substring(16)), identity.toString());
        assertFalse(identity.toString().toUpperCase().contains("SECRET"), identity.toString());
    }

    @Test
    void badLineIsNamedButNotEchoed() throws Exception {
        Path file = dir.resolve("identity.txt");
        ExternalTools.run(null, null, "age-keygen", "-o", file.toString());
        String secret = Files.readAllLines(file).get(2);
        String damaged = secret.substring(0, secret.length() - 1) + (secret.endsWith("Q") ? "P" : "Q");

        IOException corrupt = assertThrows(IOException.class, () -> AgeIdentity.parse("# x\n" + damaged, "'id'"));
        IOException notAKey = assertThrows(IOException.class, () -> AgeIdentity.parse("age1abc\n", "'id'"));
        IOException empty = assertThrows(IOException.class, () -> AgeIdentity.parse("# only comments\n", "'id'"));

        assertTrue(corrupt.getMessage().startsWith("'id': line 2 is not a valid age X25519 identity"),
                corrupt.getMessage());
        assertFalse(corrupt.getMessage().contains(damaged.substring(16, 40)), corrupt.getMessage());
        assertTrue(notAKey.getMessage().startsWith("'id': line 1 is not an age X25519 identity"), notAKey.getMessage());
        assertTrue(empty.getMessage().contains("no age identity found"), empty.getMessage());
    }
}
