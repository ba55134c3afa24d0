package org.lifeboat;

/** The configuration is missing, unreadable or wrong; the message names the setting or file. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
