package org.lifeboat.run;

import java.io.IOException;

/** A run failed after it started; the message says what failed and what was left behind. */
public class RunFailedException extends IOException {

    public RunFailedException(String message) {
        super(message);
    }
}
