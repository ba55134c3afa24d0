package org.lifeboat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The program's name and version, as recorded in manifests. */
public final class LifeboatVersion {

    private LifeboatVersion() {
    }

    /** For example {@code lifeboat 0.1.0}. */
    public static String describe() {
        Properties properties = new Properties();
        try (InputStream in = LifeboatVersion.class.getResourceAsStream("/lifeboat-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // a resource inside our own jar; without it the version reads "unknown"
        }
        return "lifeboat " + properties.getProperty("version", "unknown");
    }
}
