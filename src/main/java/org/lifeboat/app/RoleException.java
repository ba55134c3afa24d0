package org.lifeboat.app;

import org.lifeboat.ConfigException;

/** A command of the other role was asked for; refused before anything is touched. */
public class RoleException extends ConfigException {

    public RoleException(String message) {
        super(message);
    }
}
