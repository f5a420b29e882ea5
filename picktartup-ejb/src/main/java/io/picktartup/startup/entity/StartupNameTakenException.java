package io.picktartup.startup.entity;

import io.picktartup.platform.entity.BusinessException;

/** Two startups cannot share a name (case-insensitive). */
public class StartupNameTakenException extends BusinessException {

    public StartupNameTakenException(String name) {
        super("startup.name-taken", 409, "A startup named '" + name + "' is already registered.");
    }

    @Override
    public String title() {
        return "Startup name taken";
    }
}
