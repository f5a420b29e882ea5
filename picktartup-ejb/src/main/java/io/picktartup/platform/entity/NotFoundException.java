package io.picktartup.platform.entity;

/** The requested object does not exist, or the caller may not know that it does. */
public class NotFoundException extends BusinessException {

    public NotFoundException(String what, Object id) {
        super("resource.not-found", 404, what + " " + id + " was not found");
    }

    @Override
    public String title() {
        return "Not found";
    }
}
