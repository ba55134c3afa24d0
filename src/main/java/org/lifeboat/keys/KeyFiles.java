package org.lifeboat.keys;

import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates Lifeboat key files: a key set (an age identity and recipient, and an SSH ed25519 key
 * pair), or production's state identity alone.
 */
public final class KeyFiles {

    public static final String AGE_IDENTITY = "age-identity.txt";
    public static final String AGE_RECIPIENTS = "age-recipients.txt";
    public static final String SSH_PRIVATE_KEY = "ssh_ed25519";
    public static final String SSH_PUBLIC_KEY = "ssh_ed25519.pub";
    /** The manifest signing key (OpenSSH ed25519), for {@code lifeboat.backup.signing-key-file}. */
    public static final String SIGNING_KEY = "manifest-signing-key";
    public static final String SIGNING_PUBLIC_KEY = "manifest-signing-key.pub";
    /** Its public key as an allowed_signers line, for {@code lifeboat.restore.allowed-signers-file} and {@code ssh-keygen -Y verify}. */
    public static final String ALLOWED_SIGNERS = "allowed-signers";
    /** The principal {@value #ALLOWED_SIGNERS} names the signing key by ({@code ssh-keygen -Y verify -I}). */
    public static final String SIGNER_PRINCIPAL = "lifeboat";
    /** Production's own age identity, for {@code lifeboat.backup.state-identity-file}. */
    public static final String STATE_IDENTITY = "state-identity.txt";
    private static final String SSH_COMMENT = "lifeboat";
    private static final String SIGNING_COMMENT = "lifeboat manifest signing";
    private static final String STATE_COMMENT = "# lifeboat state identity: production only (lifeboat.backup.state-identity-file);"
            + " never give it to staging, never add its public key to the recipients\n";

    private KeyFiles() {
    }

    /** Writes some of a folder's key files, adding each file it creates to {@code written}. */
    private interface Writer<T> {
        T write(List<Path> written) throws IOException;
    }

    /** An age X25519 key pair: the identity file's text (age-keygen format) and its recipient. */
    private record AgePair(String identityFile, String recipient) {
        @Override
        public String toString() {
            return "AgePair(for " + recipient + ")"; // identityFile holds the secret
        }
    }

    /**
     * Writes {@value #AGE_IDENTITY} (age-keygen format), {@value #AGE_RECIPIENTS},
     * {@value #SSH_PRIVATE_KEY} (OpenSSH format, readable by {@code ssh} and JSch),
     * {@value #SSH_PUBLIC_KEY}, the manifest signing key pair {@value #SIGNING_KEY} and
     * {@value #SIGNING_PUBLIC_KEY} (a second ed25519 key, never the login key) and
     * {@value #ALLOWED_SIGNERS} into {@code folder}, creating it if missing. Every file is created
     * with mode 0600. Nothing is overwritten: if any of them exists, nothing is written; if writing
     * fails half-way, the files written so far are removed.
     *
     * @return the public halves only, for printing
     * @throws FileAlreadyExistsException naming the first file that already exists
     */
    public static GeneratedKeys generate(Path folder) throws IOException {
        return writeNew(folder, List.of(AGE_IDENTITY, AGE_RECIPIENTS, SSH_PRIVATE_KEY, SSH_PUBLIC_KEY, SIGNING_KEY,
                SIGNING_PUBLIC_KEY, ALLOWED_SIGNERS), written -> {
            AgePair age = newAgePair("");
            write(folder.resolve(AGE_IDENTITY), age.identityFile().getBytes(StandardCharsets.US_ASCII), written);
            write(folder.resolve(AGE_RECIPIENTS), (age.recipient() + "\n").getBytes(StandardCharsets.US_ASCII), written);
            String sshPublicKey = writeSshKeys(folder, SSH_PRIVATE_KEY, SSH_PUBLIC_KEY, SSH_COMMENT, written);
            String signingKey = writeSshKeys(folder, SIGNING_KEY, SIGNING_PUBLIC_KEY, SIGNING_COMMENT, written);
            String allowed = allowedSignersLine(signingKey);
            write(folder.resolve(ALLOWED_SIGNERS), (allowed + "\n").getBytes(StandardCharsets.US_ASCII), written);
            return new GeneratedKeys(folder, age.recipient(), sshPublicKey, allowed);
        });
    }

    /**
     * Writes {@value #STATE_IDENTITY} alone into {@code folder}, creating it if missing: an age
     * identity (age-keygen format, mode 0600) for production's {@code lifeboat.backup.state-identity-file}.
     * Never overwrites, as {@link #generate}.
     *
     * @return the identity's {@code age1…} public key, for printing
     * @throws FileAlreadyExistsException if {@value #STATE_IDENTITY} already exists
     */
    public static String generateState(Path folder) throws IOException {
        return writeNew(folder, List.of(STATE_IDENTITY), written -> {
            AgePair state = newAgePair(STATE_COMMENT);
            write(folder.resolve(STATE_IDENTITY), state.identityFile().getBytes(StandardCharsets.US_ASCII), written);
            return state.recipient();
        });
    }

    /**
     * Runs {@code writer} in {@code folder} (created if missing) if none of {@code names} exists
     * there; if it fails half-way, removes the files it wrote.
     *
     * @throws FileAlreadyExistsException naming the first of {@code names} that already exists
     */
    private static <T> T writeNew(Path folder, List<String> names, Writer<T> writer) throws IOException {
        for (String name : names) {
            if (Files.exists(folder.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(folder.resolve(name).toString(), null,
                        "refusing to overwrite an existing key file");
            }
        }
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        try {
            return writer.write(written);
        } catch (IOException | RuntimeException e) {
            for (Path file : written) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed); // the original failure matters more
                }
            }
            throw e;
        }
    }

    /** A new age identity held only in memory (nothing written), for a self-test; its recipient is its public key. */
    public static AgeIdentity ephemeralIdentity() throws IOException {
        return AgeIdentity.parse(newAgePair("").identityFile(), "an in-memory age identity");
    }

    /** A new age key pair; {@code comment} (whole lines, or empty) goes after age-keygen's two header lines. */
    private static AgePair newAgePair(String comment) throws IOException {
        java.security.KeyPair pair;
        try {
            pair = new X25519KeyPairGenerator().generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("unable to generate an age X25519 key pair", e);
        }
        String secret = new String(pair.getPrivate().getEncoded(), StandardCharsets.US_ASCII);
        String recipient = new String(pair.getPublic().getEncoded(), StandardCharsets.US_ASCII);
        String created = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return new AgePair("# created: " + created + "\n# public key: " + recipient + "\n" + comment + secret + "\n", recipient);
    }

    /** {@code lifeboat namespaces="lifeboat-manifest" ssh-ed25519 AAAA…} for a public key line. */
    private static String allowedSignersLine(String publicKeyLine) {
        String[] fields = publicKeyLine.split(" ");
        return SIGNER_PRINCIPAL + " namespaces=\"" + ManifestSignature.NAMESPACE + "\" " + fields[0] + " " + fields[1];
    }

    private static String writeSshKeys(Path folder, String privateName, String publicName, String comment, List<Path> written)
            throws IOException {
        KeyPair pair;
        try {
            pair = KeyPair.genKeyPair(new JSch(), KeyPair.ED25519);
        } catch (JSchException e) {
            throw new IOException("unable to generate an SSH ed25519 key pair", e);
        }
        try {
            pair.setPublicKeyComment(comment);
            ByteArrayOutputStream privateKey = new ByteArrayOutputStream();
            pair.writeOpenSSHv1PrivateKey(privateKey, null);
            ByteArrayOutputStream publicKey = new ByteArrayOutputStream();
            pair.writePublicKey(publicKey, comment);
            write(folder.resolve(privateName), privateKey.toByteArray(), written);
            write(folder.resolve(publicName), publicKey.toByteArray(), written);
            return publicKey.toString(StandardCharsets.US_ASCII).strip();
        } catch (JSchException e) {
            throw new IOException("unable to encode the SSH ed25519 private key", e);
        } finally {
            pair.dispose();
        }
    }

    private static void write(Path file, byte[] content, List<Path> written) throws IOException {
        KeyFilePermissions.writeOwnerOnly(file, content);
        written.add(file);
    }
}
