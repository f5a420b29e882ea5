package io.picktartup.account.control;

import io.picktartup.account.entity.AccessChanges;
import io.picktartup.account.entity.Identity;
import io.picktartup.account.entity.Role;
import io.picktartup.platform.control.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live sessions remembered for a moment: the answer of "may this session act now, and as what role" (one database
 * read) is kept for {@code picktartup.auth.session-recheck} (default 2 s) after it was read, so a client calling many
 * times a second costs one read per that interval, not one per request. Any change of an account or a session in this
 * process ({@link AccessChanges}: logout, logout everywhere, a password change, a reused refresh token, a disabled
 * account, a new role) forgets every remembered answer at once, when it is flushed and again when it commits. A change
 * made by another instance of a cluster (or straight in the database) counts here at the latest after that interval:
 * the bound on how long a revoked session may still act. Only live answers are remembered; an ended session is read
 * again on each request. {@code PT0S} turns it off.
 */
@ApplicationScoped
public class LiveSessions {

    /** At most this many sessions are remembered; when full, the stale ones go, or else all. */
    static final int MAX = 20_000;

    @Inject
    @ConfigProperty(name = "picktartup.auth.session-recheck", defaultValue = "PT2S")
    Duration recheck;

    @Inject
    Clock clock;

    private final Map<UUID, Entry> remembered = new ConcurrentHashMap<>();

    /** A live session as read: who acts, until when the session lasts, whether the password must change first. */
    public record Live(Identity identity, Instant expiresAt, boolean passwordChangeRequired) {
    }

    private record Entry(Live live, long epoch, long freshUntilNanos) {
    }

    /** The remembered answer for this session of this account, if one is still good. */
    public Optional<Live> remembered(UUID sessionId, UUID accountId) {
        var entry = remembered.get(sessionId);
        if (entry == null || entry.epoch() != AccessChanges.epoch() || System.nanoTime() - entry.freshUntilNanos() >= 0
                || !entry.live().identity().accountId().equals(accountId)
                || !clock.now().isBefore(entry.live().expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(entry.live());
    }

    /** The epoch to pass to {@link #remember}: take it before reading the session. */
    public long epoch() {
        return AccessChanges.epoch();
    }

    /** Keeps a live session read in {@code epoch}, unless something changed since. */
    public void remember(UUID sessionId, UUID accountId, Role role, Instant expiresAt, boolean passwordChangeRequired,
                         long epoch) {
        if (recheck.isZero() || recheck.isNegative() || !AccessChanges.settled() || epoch != AccessChanges.epoch()) {
            return;
        }
        if (remembered.size() >= MAX) {
            long now = System.nanoTime();
            remembered.values().removeIf(e -> now - e.freshUntilNanos() >= 0 || e.epoch() != epoch);
            if (remembered.size() >= MAX) {
                remembered.clear();
            }
        }
        remembered.put(sessionId, new Entry(new Live(new Identity(accountId, role), expiresAt, passwordChangeRequired),
                epoch, System.nanoTime() + recheck.toNanos()));
    }
}
