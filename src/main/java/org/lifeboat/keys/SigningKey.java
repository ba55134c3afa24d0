package org.lifeboat.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Production's manifest signing key: an ed25519 key in OpenSSH's private key format (as
 * {@code ssh-keygen -t ed25519} and {@code lifeboat keygen} write it, without a passphrase), read
 * from a file nobody else may read. It signs with the JDK's Ed25519; the secret never leaves this
 * object and is not in {@link #toString()}.
 */
public final class SigningKey {

    private static final String BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private static final String END = "-----END OPENSSH PRIVATE KEY-----";
    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

    private final PrivateKey key;
    private final SshPublicKey publicKey;

    private SigningKey(PrivateKey key, SshPublicKey publicKey) {
        this.key = key;
        this.publicKey = publicKey;
    }

    /** Reads {@code file}, refusing it if group or others may access it. */
    public static SigningKey read(Path file) throws IOException {
        KeyFilePermissions.requireOwnerOnly(file);
        return parse(KeyFileLines.read(file, "signing key file"), "'" + file + "'");
    }

    /** Parses an unencrypted OpenSSH ed25519 private key; the error names {@code origin}, never the key. */
    static SigningKey parse(String text, String origin) throws IOException {
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IOException(origin + " is not an OpenSSH private key (expected " + BEGIN + ")");
        }
        byte[] blob;
        try {
            blob = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IOException(origin + " is not an OpenSSH private key: bad base64");
        }
        SshWire.Reader in = new SshWire.Reader(blob, origin);
        if (!Arrays.equals(in.raw(MAGIC.length), MAGIC)) {
            throw new IOException(origin + " is not an OpenSSH private key (no openssh-key-v1 header)");
        }
        String cipher = in.text();
        in.text(); // kdf name: "none" when the cipher is
        in.string(); // kdf options
        if (!cipher.equals("none")) {
            throw new IOException(origin + " is protected by a passphrase (cipher " + cipher + "); Lifeboat signs unattended,"
                    + " so the signing key has none: keep it 0600 instead");
        }
        if (in.uint32() != 1) {
            throw new IOException(origin + " holds more than one key");
        }
        SshPublicKey publicKey = SshPublicKey.fromBlob(in.string(), origin);
        SshWire.Reader secret = new SshWire.Reader(in.string(), origin);
        if (secret.uint32() != secret.uint32()) {
            throw new IOException(origin + " is damaged (its check words differ)");
        }
        String type = secret.text();
        if (!type.equals(SshPublicKey.ED25519)) {
            throw new IOException(origin + " is a " + type + " key; the signing key must be " + SshPublicKey.ED25519);
        }
        byte[] pub = secret.string();
        byte[] seedAndPub = secret.string();
        if (seedAndPub.length != 64 || !Arrays.equals(Arrays.copyOfRange(seedAndPub, 32, 64), pub)
                || !Arrays.equals(pub, publicKey.key())) {
            throw new IOException(origin + " is damaged (its ed25519 halves do not match)");
        }
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(
                    new EdECPrivateKeySpec(NamedParameterSpec.ED25519, Arrays.copyOf(seedAndPub, 32)));
            Arrays.fill(seedAndPub, (byte) 0);
            return new SigningKey(key, publicKey);
        } catch (GeneralSecurityException e) {
            throw new IOException(origin + ": this JVM cannot use ed25519 keys: " + e.getMessage(), e);
        }
    }

    /** Its public half. */
    public SshPublicKey publicKey() {
        return publicKey;
    }

    /** The raw ed25519 signature of {@code data}. */
    byte[] sign(byte[] data) throws IOException {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IOException("unable to sign with the ed25519 key: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey(" + publicKey.fingerprint() + ")";
    }
}
