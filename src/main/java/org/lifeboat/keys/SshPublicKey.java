package org.lifeboat.keys;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An ed25519 public key as OpenSSH writes it ({@code ssh-ed25519 AAAA… comment}), which checks
 * signatures made by its private half.
 *
 * @param key the 32 bytes of the key
 */
public record SshPublicKey(byte[] key) {

    /** The only key type Lifeboat signs with. */
    public static final String ED25519 = "ssh-ed25519";

    public SshPublicKey {
        key = key.clone();
    }

    /** Reads a public key line's type and base64 fields ({@code ssh-ed25519 AAAA…}); the error names {@code origin}. */
    public static SshPublicKey parse(String type, String base64, String origin) throws IOException {
        if (!type.equals(ED25519)) {
            throw new IOException(origin + ": a " + type + " key; manifests are signed with " + ED25519 + " keys");
        }
        try {
            return fromBlob(Base64.getDecoder().decode(base64), origin);
        } catch (IllegalArgumentException e) {
            throw new IOException(origin + ": the key is not valid base64");
        }
    }

    /** Reads the wire form: {@code string "ssh-ed25519", string key}. */
    static SshPublicKey fromBlob(byte[] blob, String origin) throws IOException {
        SshWire.Reader in = new SshWire.Reader(blob, origin);
        String type = in.text();
        if (!type.equals(ED25519)) {
            throw new IOException(origin + ": a " + type + " key; manifests are signed with " + ED25519 + " keys");
        }
        byte[] key = in.string();
        if (key.length != 32 || !in.atEnd()) {
            throw new IOException(origin + ": not a valid " + ED25519 + " key");
        }
        return new SshPublicKey(key);
    }

    /** The wire form. */
    byte[] blob() {
        return new SshWire.Writer().string(ED25519).string(key).bytes();
    }

    /** {@code ssh-ed25519 AAAA…}, as in an {@code .pub} or allowed-signers file. */
    public String line() {
        return ED25519 + " " + Base64.getEncoder().encodeToString(blob());
    }

    /** {@code SHA256:…}, as {@code ssh-keygen -l} prints it. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob());
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether {@code signature} is this key's ed25519 signature of {@code data}. */
    boolean verifies(byte[] data, byte[] signature) throws IOException {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(jdkKey());
            verifier.update(data);
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false; // a malformed signature is a wrong one
        } catch (GeneralSecurityException e) {
            throw new IOException("unable to check an ed25519 signature: " + e.getMessage(), e);
        }
    }

    /** The key as the JDK wants it: the point's y (little-endian, top bit cleared) and the parity of x (that bit). */
    private PublicKey jdkKey() throws GeneralSecurityException {
        byte[] reversed = new byte[32];
        for (int i = 0; i < 32; i++) {
            reversed[i] = key[31 - i];
        }
        boolean xOdd = (reversed[0] & 0x80) != 0;
        reversed[0] &= 0x7f;
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, reversed));
        return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SshPublicKey that && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return fingerprint();
    }
}
