package org.lifeboat.keys;

import java.nio.file.Path;

/**
 * The public halves of a key set made by {@link KeyFiles#generate}: safe to print and to copy to
 * production or the backup server.
 *
 * @param folder where the four files were written
 * @param ageRecipient the {@code age1…} recipient, also in {@code age-recipients.txt}
 * @param sshPublicKey the OpenSSH public key line, also in {@code ssh_ed25519.pub}
 * @param allowedSigner the manifest signing key's allowed_signers line, also in {@code allowed-signers}
 */
public record GeneratedKeys(Path folder, String ageRecipient, String sshPublicKey, String allowedSigner) {
}
