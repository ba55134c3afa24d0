package org.lifeboat.store.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import java.io.IOException;

/**
 * An open SFTP channel with the one thread that touches it ({@link ChannelThread}) for as long as
 * the channel lives, so that it can serve one stream or call after another from any caller's
 * thread. Borrowed from and returned to its connection's {@link ChannelPool}.
 */
final class SftpChannel {

    /** A call on the channel, on its thread. */
    interface Call<T> {
        T call(ChannelSftp channel) throws IOException, SftpException;
    }

    private final ChannelSftp channel;
    private final ChannelThread thread;
    private final Session session;

    SftpChannel(ChannelSftp channel, ChannelThread thread, Session session) {
        this.channel = channel;
        this.thread = thread;
        this.session = session;
    }

    /** Runs {@code call} on the channel's thread, within the stall limit; an SFTP status is rethrown as it is. */
    <T> T call(Call<T> call) throws IOException, SftpException {
        return thread.callSftp(() -> call.call(channel));
    }

    /** The channel's thread, for a stream's own calls. */
    ChannelThread thread() {
        return thread;
    }

    /** The channel, to be touched only from {@link #thread()}. */
    ChannelSftp channel() {
        return channel;
    }

    /** Whether this channel can serve another call on {@code current}: still open, on that session, its thread alive. */
    boolean reusableOn(Session current) {
        return session == current && channel.isConnected() && !channel.isClosed() && thread.accepting();
    }

    /** Disconnects the channel on its thread, then ends the thread; waits for neither. */
    void close() {
        thread.submit(channel::disconnect);
        thread.close();
    }
}
