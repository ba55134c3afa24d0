package org.lifeboat.cli;

/** The program's exit codes. */
public final class ExitCodes {

    /** Everything asked for was done. */
    public static final int OK = 0;
    /** The run failed: a check, a datastore, the store, a digest. */
    public static final int FAILED = 1;
    /** Usage or configuration error; nothing was done. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
