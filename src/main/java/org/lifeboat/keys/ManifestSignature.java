package org.lifeboat.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Signatures of manifests in OpenSSH's signature format ({@code PROTOCOL.sshsig}), so that anyone
 * can check a set by hand with {@code ssh-keygen -Y verify -n }{@value #NAMESPACE}. The signed data
 * is the preamble, the namespace, the hash algorithm (SHA-512) and the manifest's hash; the
 * signature blob carries the signer's public key. Only ed25519 keys.
 */
public final class ManifestSignature {

    /** The namespace every manifest signature is made in: a signature for another purpose never passes. */
    public static final String NAMESPACE = "lifeboat-manifest";

    private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final String HASH = "sha512";
    private static final String BEGIN = "-----BEGIN SSH SIGNATURE-----";
    private static final String END = "-----END SSH SIGNATURE-----";

    private ManifestSignature() {
    }

    /** The armored signature of {@code manifest}, as {@code ssh-keygen -Y sign -n lifeboat-manifest} writes it. */
    public static String sign(byte[] manifest, SigningKey key) throws IOException {
        byte[] signature = key.sign(signedData(NAMESPACE, sha512(manifest)));
        byte[] blob = new SshWire.Writer().raw(MAGIC).uint32(VERSION).string(key.publicKey().blob()).string(NAMESPACE)
                .string("").string(HASH).string(new SshWire.Writer().string(SshPublicKey.ED25519).string(signature).bytes())
                .bytes();
        StringBuilder armored = new StringBuilder(BEGIN).append('\n');
        String base64 = Base64.getEncoder().encodeToString(blob);
        for (int i = 0; i < base64.length(); i += 70) {
            armored.append(base64, i, Math.min(base64.length(), i + 70)).append('\n');
        }
        return armored.append(END).append('\n').toString();
    }

    /**
     * Checks {@code armored} as a signature of {@code manifest} by a key {@code signers} allows for
     * {@value #NAMESPACE}.
     *
     * @return the principal the key is allowed as
     * @throws IOException saying what is wrong: not a signature, another namespace, a key that is
     *     not allowed (with its fingerprint), or a signature that does not match the manifest
     */
    public static String verify(byte[] manifest, String armored, AllowedSigners signers, String origin) throws IOException {
        int begin = armored.indexOf(BEGIN);
        int end = armored.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IOException(origin + " is not an SSH signature");
        }
        byte[] blob;
        try {
            blob = Base64.getMimeDecoder().decode(armored.substring(begin + BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IOException(origin + " is not an SSH signature: bad base64");
        }
        SshWire.Reader in = new SshWire.Reader(blob, origin);
        if (!Arrays.equals(in.raw(MAGIC.length), MAGIC) || in.uint32() != VERSION) {
            throw new IOException(origin + " is not an SSH signature of version " + VERSION);
        }
        SshPublicKey signer = SshPublicKey.fromBlob(in.string(), origin);
        String namespace = in.text();
        in.string(); // reserved
        String hash = in.text();
        SshWire.Reader sig = new SshWire.Reader(in.string(), origin);
        if (!namespace.equals(NAMESPACE)) {
            throw new IOException(origin + " is a signature for '" + namespace + "', not for " + NAMESPACE);
        }
        if (!sig.text().equals(SshPublicKey.ED25519)) {
            throw new IOException(origin + " is not an " + SshPublicKey.ED25519 + " signature");
        }
        byte[] signature = sig.string();
        Optional<String> principal = signers.principalOf(signer, NAMESPACE);
        if (principal.isEmpty()) {
            throw new IOException(origin + " is signed by " + signer.fingerprint() + ", a key that " + signers.origin()
                    + " does not allow");
        }
        byte[] digest = switch (hash) {
            case "sha512" -> sha512(manifest);
            case "sha256" -> digest("SHA-256", manifest);
            default -> throw new IOException(origin + " uses the hash '" + hash + "', which SSH signatures do not define");
        };
        if (!signer.verifies(signedData(namespace, digest, hash), signature)) {
            throw new IOException(origin + " does not match the manifest: the manifest was changed after it was signed, or the"
                    + " signature was made for another file");
        }
        return principal.get();
    }

    private static byte[] signedData(String namespace, byte[] digest) {
        return signedData(namespace, digest, HASH);
    }

    private static byte[] signedData(String namespace, byte[] digest, String hash) {
        return new SshWire.Writer().raw(MAGIC).string(namespace).string("").string(hash).string(digest).bytes();
    }

    private static byte[] sha512(byte[] data) {
        return digest("SHA-512", data);
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }
}
