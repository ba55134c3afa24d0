package org.lifeboat.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgeRecipientsTest {

    @TempDir
    Path dir;

    @Test
    void readsKeysSkippingCommentsAndBlankLines() throws IOException {
        String first = KeyFiles.generate(dir.resolve("a")).ageRecipient();
        String second = KeyFiles.generate(dir.resolve("b")).ageRecipient();
        Path file = dir.resolve("recipients.txt");
        Files.writeString(file, "# staging\n" + first + "\n\n  # break glass\n  " + second + "  \n");

        AgeRecipients recipients = AgeRecipients.read(file);

        assertEquals(List.of(first, second), recipients.publicKeys());
        assertEquals(2, recipients.stanzaWriters().size());
    }

    @Test
    void secretKeyLineIsRefusedWithoutEchoingIt() throws IOException {
        Path folder = dir.resolve("keys");
        GeneratedKeys keys = KeyFiles.generate(folder);
        String secret = Files.readAllLines(folder.resolve(KeyFiles.AGE_IDENTITY)).get(2);
        Path file = dir.resolve("recipients.txt");
        Files.writeString(file, "# oops\n" + keys.ageRecipient() + "\n" + secret + "\n");

        IOException e = assertThrows(IOException.class, () -> AgeRecipients.read(file));

        assertTrue(e.getMessage().contains("line 3 is an identity (secret key), not a recipient"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains(secret.substring(16)), "the secret must not be echoed");
    }

    @Test
    void badLinesAreNamedByNumber() throws IOException {
        String good = KeyFiles.generate(dir.resolve("a")).ageRecipient();
        String badChecksum = good.substring(0, good.length() - 1) + (good.endsWith("q") ? "p" : "q");

        IOException notAKey = assertThrows(IOException.class,
                () -> AgeRecipients.parse(good + "\nssh-ed25519 AAAA\n", "'r.txt'"));
        IOException corrupt = assertThrows(IOException.class,
                () -> AgeRecipients.parse("\n\n" + badChecksum + "\n", "'r.txt'"));

        assertTrue(notAKey.getMessage().startsWith("'r.txt': line 2 is not an age X25519 recipient"),
                notAKey.getMessage());
        assertTrue(corrupt.getMessage().startsWith("'r.txt': line 3 is not a valid age X25519 recipient"),
                corrupt.getMessage());
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path file = dir.resolve("recipients.txt");
        Files.writeString(file, "# nothing here\n\n");

        IOException e = assertThrows(IOException.class, () -> AgeRecipients.read(file));

        assertTrue(e.getMessage().contains("no age recipient found"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("missing.txt");

        IOException e = assertThrows(IOException.class, () -> AgeRecipients.read(file));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
