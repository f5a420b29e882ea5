package io.picktartup.account.entity;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.entity.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A person who can log in. Created by signup (an INVESTOR in the GENERAL category, with a wallet) or, for the first
 * admin, from configuration. The email is unique and normalised; the password is kept only as a PHC hash string;
 * only an admin changes the role or the investor category. Accounts are never deleted (their audit trail and
 * investments refer to them).
 * <p>Lifecycle: a signed-up account is <em>unverified</em> until its owner follows the single-use link mailed to the
 * address ({@link #verifyEmail}); until then it cannot log in, so no money moves, and a new signup with the same
 * address replaces it ({@link #restartSignup}: whoever reads the mailbox decides). An admin disables an account (no
 * login, its sessions end) and enables it again. An account whose password was handed over (the first admin's initial
 * one) must change it before anything else ({@link #isPasswordChangeRequired}).
 */
@Entity
@EntityListeners(AccessChanges.class)
@Table(name = "account")
public class Account {

    public static final int NAME_MAX = 100;

    @Id
    private UUID id;

    @Column(nullable = false, unique = true, length = 254)
    private String email;

    @Column(nullable = false, length = NAME_MAX)
    private String name;

    @Column(name = "password_hash", nullable = false, length = 200)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Enumerated(EnumType.STRING)
    @Column(name = "investor_category", nullable = false, length = 16)
    private InvestorCategory category;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private AccountStatus status;

    @Column(name = "email_verified_at")
    private Instant emailVerifiedAt;

    @Column(name = "verification_token_hash", length = 64)
    private String verificationTokenHash;

    @Column(name = "verification_expires_at")
    private Instant verificationExpiresAt;

    @Column(name = "password_change_required", nullable = false)
    private boolean passwordChangeRequired;

    @Version
    private long version;

    protected Account() {
    }

    public Account(UUID id, EmailAddress email, String name, String passwordHash, Role role, Instant now) {
        this.id = Objects.requireNonNull(id);
        this.email = email.value();
        this.name = checkedName(name);
        this.passwordHash = Objects.requireNonNull(passwordHash);
        this.role = Objects.requireNonNull(role);
        this.category = InvestorCategory.GENERAL;
        this.status = AccountStatus.ACTIVE;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** What is wrong with a display name, if anything: 1–100 characters once trimmed, no control characters. */
    public static Optional<String> nameProblem(String name) {
        return nameViolation("name", name).map(InvalidInputException.Violation::message);
    }

    public static Optional<InvalidInputException.Violation> nameViolation(String field, String name) {
        if (name == null || name.isBlank()) {
            return Optional.of(InvalidInputException.Violation.of(field, FieldRule.REQUIRED));
        }
        String trimmed = name.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > NAME_MAX) {
            return Optional.of(InvalidInputException.Violation.of(field, FieldRule.MAX_LENGTH, NAME_MAX));
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of(InvalidInputException.Violation.of(field, FieldRule.NO_CONTROL_CHARACTERS));
        }
        return Optional.empty();
    }

    private static String checkedName(String name) {
        nameViolation("name", name).ifPresent(problem -> {
            throw new InvalidInputException(problem);
        });
        return name.strip();
    }

    public void rename(String newName, Instant now) {
        this.name = checkedName(newName);
        this.updatedAt = now;
    }

    /** The caller has re-entered the password before this (the boundary checks it). */
    public void changeEmail(EmailAddress newEmail, Instant now) {
        this.email = newEmail.value();
        this.updatedAt = now;
    }

    /** A new hash of the same password (a stronger hash setting); the password itself did not change. */
    public void changePasswordHash(String newHash, Instant now) {
        this.passwordHash = Objects.requireNonNull(newHash);
        this.updatedAt = now;
    }

    /** The owner set a new password (the current one was checked by the boundary): a required change is done. */
    public void changePassword(String newHash, Instant now) {
        changePasswordHash(newHash, now);
        this.passwordChangeRequired = false;
    }

    /** The password was handed over (an initial password from configuration): it must be changed first. */
    public void requirePasswordChange(Instant now) {
        this.passwordChangeRequired = true;
        this.updatedAt = now;
    }

    public boolean isPasswordChangeRequired() {
        return passwordChangeRequired;
    }

    /**
     * Waits for the owner of the address to follow a link: the token's hash and its expiry (the token itself is only
     * in the mail). A previous link stops working.
     */
    public void awaitVerification(String tokenHash, Instant expiresAt, Instant now) {
        if (isEmailVerified()) {
            throw new IllegalStateException("the email is verified already");
        }
        this.verificationTokenHash = Objects.requireNonNull(tokenHash);
        this.verificationExpiresAt = Objects.requireNonNull(expiresAt);
        this.updatedAt = now;
    }

    /**
     * Another signup with the address of this unverified account: it becomes that signup's (name, password), and a
     * new link is mailed. A verified account is never restarted.
     */
    public void restartSignup(String newName, String newPasswordHash, Instant now) {
        if (isEmailVerified()) {
            throw new IllegalStateException("a verified account is never signed up again");
        }
        this.name = checkedName(newName);
        this.passwordHash = Objects.requireNonNull(newPasswordHash);
        this.updatedAt = now;
    }

    /**
     * The owner followed the link: true if the token is this account's current one and has not expired; the token
     * then stops working (single use).
     */
    public boolean verifyEmail(String tokenHash, Instant now) {
        if (isEmailVerified() || verificationTokenHash == null || !verificationTokenHash.equals(tokenHash)
                || !now.isBefore(verificationExpiresAt)) {
            return false;
        }
        this.emailVerifiedAt = now;
        this.verificationTokenHash = null;
        this.verificationExpiresAt = null;
        this.updatedAt = now;
        return true;
    }

    /** Accounts not created by signup (the first admin) own their address by configuration. */
    public void markEmailVerified(Instant now) {
        if (emailVerifiedAt == null) {
            this.emailVerifiedAt = now;
            this.verificationTokenHash = null;
            this.verificationExpiresAt = null;
            this.updatedAt = now;
        }
    }

    public boolean isEmailVerified() {
        return emailVerifiedAt != null;
    }

    /** An admin stops the account: no login, and the boundary ends every session. Returns false if it already was. */
    public boolean disable(Instant now) {
        if (status == AccountStatus.DISABLED) {
            return false;
        }
        this.status = AccountStatus.DISABLED;
        this.updatedAt = now;
        return true;
    }

    /** An admin lets the account log in again. Returns false if it was not disabled. */
    public boolean enable(Instant now) {
        if (status == AccountStatus.ACTIVE) {
            return false;
        }
        this.status = AccountStatus.ACTIVE;
        this.updatedAt = now;
        return true;
    }

    public AccountStatus status() {
        return status;
    }

    public boolean isActive() {
        return status == AccountStatus.ACTIVE;
    }

    /** Sets the legal category; returns the previous one for the audit trail. */
    public InvestorCategory classify(InvestorCategory newCategory, Instant now) {
        var old = category;
        this.category = Objects.requireNonNull(newCategory);
        this.updatedAt = now;
        return old;
    }

    /** Gives the account another role (a founder becomes STARTUP before leading a startup); returns the old one. */
    public Role assignRole(Role newRole, Instant now) {
        var old = role;
        this.role = Objects.requireNonNull(newRole);
        this.updatedAt = now;
        return old;
    }

    public Identity identity() {
        return new Identity(id, role);
    }

    public UUID id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Role role() {
        return role;
    }

    public InvestorCategory category() {
        return category;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
