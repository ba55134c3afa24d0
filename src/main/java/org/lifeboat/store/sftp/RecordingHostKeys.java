package org.lifeboat.store.sftp;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;

/**
 * The known_hosts repository JSch checks against, wrapped to remember the key the server
 * presented, so that a refusal can show its fingerprint. Never adds a key: with
 * {@code StrictHostKeyChecking=yes} JSch does not ask to, and the pin is managed outside.
 */
final class RecordingHostKeys implements HostKeyRepository {

    private final HostKeyRepository known;
    private volatile byte[] presented;

    RecordingHostKeys(HostKeyRepository known) {
        this.known = known;
    }

    /** The public key blob the server presented last, or null before the key exchange. */
    byte[] presented() {
        return presented;
    }

    @Override
    public int check(String host, byte[] key) {
        presented = key.clone();
        return known.check(host, key);
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        throw new UnsupportedOperationException("host keys are pinned in the known_hosts file, never added");
    }

    @Override
    public void remove(String host, String type) {
        throw new UnsupportedOperationException("host keys are pinned in the known_hosts file, never removed");
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        throw new UnsupportedOperationException("host keys are pinned in the known_hosts file, never removed");
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return known.getKnownHostsRepositoryID();
    }

    @Override
    public HostKey[] getHostKey() {
        return known.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return known.getHostKey(host, type);
    }
}
