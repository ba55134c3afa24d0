package org.lifeboat.store.sftp;

import com.jcraft.jsch.ChannelSftp;
import java.lang.reflect.Field;

/**
 * Makes a channel's {@code rename} the protocol's own {@code SSH_FXP_RENAME}, which the SFTP
 * specification defines as failing when the target exists, and which OpenSSH implements without a
 * race for files ({@code link(2)} then {@code unlink(2)} of the old name). JSch otherwise sends
 * {@code posix-rename@openssh.com} whenever the server offers it, which replaces the target; an
 * append-only account denies that request (and {@code hardlink}, {@code remove}), so a publish
 * must not need it.
 *
 * <p>Workaround: JSch 2.28 has no setting for this, only the private field it fills from the
 * server's extensions after {@code connect()}; it is cleared by reflection. If a JSch upgrade
 * renames the field, this fails loudly at connect rather than silently replacing files.
 */
final class SpecRename {

    private static final Field POSIX_RENAME = field();

    private SpecRename() {
    }

    /** Clears JSch's use of {@code posix-rename@openssh.com} on {@code channel}, which is connected. */
    static ChannelSftp apply(ChannelSftp channel) {
        try {
            POSIX_RENAME.setBoolean(channel, false);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("unable to make JSch use SSH_FXP_RENAME: " + e.getMessage(), e);
        }
        return channel;
    }

    private static Field field() {
        try {
            Field field = ChannelSftp.class.getDeclaredField("extension_posix_rename");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            throw new IllegalStateException("this JSch has no field extension_posix_rename: SFTP renames could replace files;"
                    + " update org.lifeboat.store.sftp.SpecRename for it", e);
        }
    }
}
