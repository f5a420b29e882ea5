package io.picktartup.round.entity;

import io.picktartup.chain.entity.IntentKey;
import io.picktartup.chain.entity.IntentKind;
import io.picktartup.platform.entity.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A wallet an admin froze or unfroze on every share token, with the reason (the platform's record, checked before
 * any transfer is signed; the tokens' own {@code setFrozen} follows through the outbox). Each change counts, so each
 * change's intents have their own keys ({@code share-freeze:<address>:<change>:<round>}).
 */
@Entity
@Table(name = "share_freeze")
public class ShareFreeze {

    @Id
    private String address;

    @Column(nullable = false)
    private boolean frozen;

    @Column(nullable = false, length = 500)
    private String reason;

    @Column(name = "changed_by", nullable = false, length = 100)
    private String changedBy;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    @Column(nullable = false)
    private int changes;

    @Version
    private long version;

    protected ShareFreeze() {
    }

    public ShareFreeze(String address, boolean frozen, String reason, String admin, Instant now) {
        this.address = Objects.requireNonNull(address);
        this.changes = 0;
        change(frozen, reason, admin, now);
    }

    /** Records a freeze or unfreeze with its reason (1 to 500 characters). */
    public void change(boolean frozen, String reason, String admin, Instant now) {
        if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            throw new InvalidInputException("reason", "must be given (at most 500 characters)");
        }
        this.frozen = frozen;
        this.reason = reason.strip();
        this.changedBy = Objects.requireNonNull(admin);
        this.changedAt = now;
        this.changes++;
    }

    /** The intent that writes this change to one round's share token. */
    public IntentKey intent(UUID roundId) {
        return IntentKey.of(IntentKind.SHARE_FREEZE, address.toLowerCase(java.util.Locale.ROOT), changes, roundId);
    }

    public String address() {
        return address;
    }

    public boolean frozen() {
        return frozen;
    }

    public String reason() {
        return reason;
    }

    public String changedBy() {
        return changedBy;
    }

    public Instant changedAt() {
        return changedAt;
    }
}
