package org.lifeboat.run.lock;

import org.lifeboat.run.RunFailedException;

/** Another run holds the environment's lock; nothing was done. The message names the holder. */
public final class RunLockedException extends RunFailedException {

    public RunLockedException(String message) {
        super(message);
    }
}
