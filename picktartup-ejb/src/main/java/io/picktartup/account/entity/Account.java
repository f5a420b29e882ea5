package io.picktartup.account.entity;

import io.picktartup.platform.entity.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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
 */
@Entity
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
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** What is wrong with a display name, if anything: 1–100 characters once trimmed, no control characters. */
    public static Optional<String> nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("must be given");
        }
        String trimmed = name.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > NAME_MAX) {
            return Optional.of("must be at most " + NAME_MAX + " characters");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of("must not contain control characters");
        }
        return Optional.empty();
    }

    private static String checkedName(String name) {
        nameProblem(name).ifPresent(problem -> {
            throw new InvalidInputException("name", problem);
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

    public void changePasswordHash(String newHash, Instant now) {
        this.passwordHash = Objects.requireNonNull(newHash);
        this.updatedAt = now;
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
