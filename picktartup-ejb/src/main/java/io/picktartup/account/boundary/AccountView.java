package io.picktartup.account.boundary;

import io.picktartup.account.entity.Account;
import io.picktartup.account.entity.InvestorCategory;
import io.picktartup.account.entity.Role;

import java.time.Instant;
import java.util.UUID;

/** An account as its owner (or an admin) sees it; never the password hash. {@code walletAddress} is null without a wallet. */
public record AccountView(UUID id, String email, String name, Role role, InvestorCategory investorCategory,
                          String walletAddress, Instant createdAt) {

    static AccountView of(Account account, String walletAddress) {
        return new AccountView(account.id(), account.email(), account.name(), account.role(), account.category(),
                walletAddress, account.createdAt());
    }
}
