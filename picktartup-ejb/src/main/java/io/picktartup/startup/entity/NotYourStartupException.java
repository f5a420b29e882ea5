package io.picktartup.startup.entity;

import io.picktartup.platform.entity.BusinessException;

/** A STARTUP account tried to change a startup it does not lead. */
public class NotYourStartupException extends BusinessException {

    public NotYourStartupException() {
        super("startup.not-yours", 403, "Only the startup's CEO or an admin may change its information; nothing was changed.");
    }

    @Override
    public String title() {
        return "Not your startup";
    }
}
