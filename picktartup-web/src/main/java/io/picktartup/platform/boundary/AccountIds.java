package io.picktartup.platform.boundary;

import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.NotFoundException;

import java.security.Principal;
import java.util.UUID;

/** An account id as a client names it in a path: a UUID, or {@code me} for the caller's own account. */
public final class AccountIds {

    private AccountIds() {
    }

    public static UUID resolve(String id, Principal caller) {
        if ("me".equals(id)) {
            return Caller.accountId(caller).orElseThrow(() -> new NotFoundException("Account", id));
        }
        return PathIds.uuid("Account", id);
    }
}
