package io.picktartup.account.entity;

import java.util.UUID;

/** Who a request acts for, as the authentication mechanism reports it to the container. */
public record Identity(UUID accountId, Role role) {
}
