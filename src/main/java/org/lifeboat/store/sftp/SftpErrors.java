package org.lifeboat.store.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import org.lifeboat.store.StoreErrors;

/** Turns JSch's {@link SftpException} into the exceptions of the store contract, with context. */
final class SftpErrors {

    private SftpErrors() {
    }

    static boolean isMissing(SftpException e) {
        return e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE;
    }

    static boolean isUnsupported(SftpException e) {
        return e.id == ChannelSftp.SSH_FX_OP_UNSUPPORTED;
    }

    /**
     * A stalled call ({@link ChannelThread.StalledException}) with the action, path and store added;
     * any other exception as it is, since it already says what it could not do.
     */
    static IOException stalled(String verb, String path, String store, IOException e) {
        return e instanceof ChannelThread.StalledException ? StoreErrors.wrap(verb, path, store, e) : e;
    }

    /** "unable to {verb} '{path}' on {store}: ...", keeping missing / denied as their own types. */
    static IOException wrap(String verb, String path, String store, SftpException e) {
        IOException wrapped;
        if (isMissing(e)) {
            wrapped = StoreErrors.missing(verb, path, store);
        } else if (e.id == ChannelSftp.SSH_FX_PERMISSION_DENIED) {
            wrapped = new AccessDeniedException(path, null, StoreErrors.unable(verb, path, store) + ": permission denied");
        } else {
            String detail = e.getMessage() == null || e.getMessage().isBlank() ? "SFTP status " + e.id : e.getMessage();
            if (e.getCause() != null && e.getCause().getMessage() != null) {
                detail = detail + " (" + e.getCause().getMessage() + ")";
            }
            return new IOException(StoreErrors.unable(verb, path, store) + ": " + detail, e);
        }
        wrapped.initCause(e);
        return wrapped;
    }
}
