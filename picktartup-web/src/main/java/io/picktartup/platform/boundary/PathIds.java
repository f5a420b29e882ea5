package io.picktartup.platform.boundary;

import io.picktartup.platform.entity.NotFoundException;

import java.util.UUID;

/** An id in a request path: a UUID, or a 404 for anything else (which says nothing about what exists). */
public final class PathIds {

    private PathIds() {
    }

    public static UUID uuid(String what, String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(what, id.length() > 40 ? id.substring(0, 40) : id);
        }
    }
}
