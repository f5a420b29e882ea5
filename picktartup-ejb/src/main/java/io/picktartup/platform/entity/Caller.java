package io.picktartup.platform.entity;

import java.security.Principal;
import java.util.Optional;
import java.util.UUID;

/** The account a request acts for, read from the container's caller principal (whose name is the account id). */
public final class Caller {

    private Caller() {
    }

    /** The caller's account id; empty for an anonymous caller. */
    public static Optional<UUID> accountId(Principal principal) {
        if (principal == null || principal.getName() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(principal.getName()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Who the audit trail names for this caller: the account id, or "system" for the container's own work. */
    public static String actor(Principal principal) {
        return accountId(principal).map(UUID::toString).orElse("system");
    }

    /**
     * Object-level access: the caller may act on {@code owner}'s {@code what} only when it is the owner. Anyone else
     * learns nothing, not even that it exists: a 404, the same as for an id that does not exist.
     */
    public static UUID requireOwner(Principal principal, String what, UUID owner) {
        var caller = accountId(principal);
        if (owner == null || caller.isEmpty() || !caller.get().equals(owner)) {
            throw new NotFoundException(what, owner);
        }
        return owner;
    }
}
