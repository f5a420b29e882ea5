package io.picktartup.startup.entity;

import io.picktartup.platform.entity.BusinessException;

/** A listing step that cannot be taken now: an application open already, one decided already, an admin applying. */
public class ListingRefusedException extends BusinessException {

    public ListingRefusedException(String code, String message) {
        super(code, 409, message);
    }

    @Override
    public String title() {
        return "Listing step refused";
    }
}
