package org.lifeboat.serve.alert;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;

/** This host's name, and URLs as they may be logged. */
final class Hosts {

    private Hosts() {
    }

    static String name() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown"; // no resolvable name here: the payload still names the environment
        }
    }

    /** {@code https://hooks.example:443}: a webhook's path and query often hold its token, so they are never logged. */
    static String redacted(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
    }
}
