package io.picktartup.account.boundary;

import io.picktartup.account.entity.Account;
import io.picktartup.account.entity.AccountStatus;
import io.picktartup.account.entity.InvestorCategory;
import io.picktartup.account.entity.Role;

import java.time.Instant;
import java.util.UUID;

/**
 * An account as its owner (or an admin) sees it; never the password hash. {@code walletAddress} is null without a
 * wallet. {@code status} ACTIVE or DISABLED; {@code emailVerified} false until the mailed link is followed;
 * {@code passwordChangeRequired} true while an initial password must be changed.
 */
public record AccountView(UUID id, String email, String name, Role role, InvestorCategory investorCategory,
                          String walletAddress, Instant createdAt, AccountStatus status, boolean emailVerified,
                          boolean passwordChangeRequired) {

    static AccountView of(Account account, String walletAddress) {
        return new AccountView(account.id(), account.email(), account.name(), account.role(), account.category(),
                walletAddress, account.createdAt(), account.status(), account.isEmailVerified(),
                account.isPasswordChangeRequired());
    }
}
