package io.picktartup.account.boundary;

import io.picktartup.account.entity.AccessChanges;
import io.picktartup.wallet.entity.WalletChanges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An account as its owner last read it ({@code GET /api/accounts/me}), remembered for a moment: a client asking for
 * its profile many times a second costs one read of the account and its wallet per {@code picktartup.auth.session-recheck}
 * (default 2 s), not two database round trips and a container call per request. Any change of an account or a login
 * session ({@link AccessChanges}) or of a wallet ({@link WalletChanges}) in this process forgets every remembered
 * profile at once, when it is flushed and again when it commits, so an owner never reads their own change back stale
 * from this instance. A change made by another instance of a cluster shows here within that interval at most, the same
 * bound as a session's. Only the owner's own view is kept and answered; {@code PT0S} turns it off.
 */
@ApplicationScoped
public class Profiles {

    /** At most this many profiles are remembered; when full, the stale ones go, or else all. */
    static final int MAX = 20_000;

    @Inject
    @ConfigProperty(name = "picktartup.auth.session-recheck", defaultValue = "PT2S")
    Duration recheck;

    private final Map<UUID, Entry> remembered = new ConcurrentHashMap<>();

    private record Entry(AccountView view, long accessEpoch, long walletEpoch, long freshUntilNanos) {
    }

    /**
     * The owner's own profile: remembered when still good, else read by {@code read} (which checks the owner itself)
     * and remembered unless something changed while it was read.
     */
    public AccountView own(UUID accountId, Supplier<AccountView> read) {
        var known = remembered(accountId);
        if (known.isPresent()) {
            return known.get();
        }
        long accessEpoch = AccessChanges.epoch();
        long walletEpoch = WalletChanges.epoch();
        var view = read.get();
        remember(view, accessEpoch, walletEpoch);
        return view;
    }

    Optional<AccountView> remembered(UUID accountId) {
        var entry = remembered.get(accountId);
        if (entry == null || entry.accessEpoch() != AccessChanges.epoch() || entry.walletEpoch() != WalletChanges.epoch()
                || System.nanoTime() - entry.freshUntilNanos() >= 0) {
            return Optional.empty();
        }
        return Optional.of(entry.view());
    }

    void remember(AccountView view, long accessEpoch, long walletEpoch) {
        if (view == null || recheck.isZero() || recheck.isNegative() || !AccessChanges.settled()
                || !WalletChanges.settled() || accessEpoch != AccessChanges.epoch()
                || walletEpoch != WalletChanges.epoch()) {
            return;
        }
        if (remembered.size() >= MAX) {
            long now = System.nanoTime();
            remembered.values().removeIf(e -> now - e.freshUntilNanos() >= 0 || e.accessEpoch() != accessEpoch
                    || e.walletEpoch() != walletEpoch);
            if (remembered.size() >= MAX) {
                remembered.clear();
            }
        }
        remembered.put(view.id(), new Entry(view, accessEpoch, walletEpoch, System.nanoTime() + recheck.toNanos()));
    }
}
