package io.picktartup.account.boundary;

import io.picktartup.account.control.PasswordHasher;
import io.picktartup.account.entity.EmailAddress;
import io.picktartup.platform.entity.PasswordPolicy;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Creates the first admin from configuration at startup: {@code picktartup.admin.email} with either
 * {@code picktartup.admin.password-hash} (an Argon2id PHC string: no password in the environment at all) or
 * {@code picktartup.admin.password} (an initial password, hashed here, that must be changed at the first login: until
 * then every request but reading the account, changing the password and logging out answers 403
 * {@code account.password-change-required}). Only when
 * no account has that email: an existing account is never changed, so the settings can stay in place. Safe when
 * several instances start at once (insert-if-absent).
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "picktartup.admin.email")
    Optional<String> email;

    @Inject
    @ConfigProperty(name = "picktartup.admin.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "picktartup.admin.password-hash")
    Optional<String> passwordHash;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void ensure() {
        if (email.filter(e -> !e.isBlank()).isEmpty()) {
            return;
        }
        var address = new EmailAddress(email.get());
        String hash;
        if (passwordHash.filter(h -> !h.isBlank()).isPresent()) {
            if (!PasswordHasher.isArgon2id(passwordHash.get().trim())) {
                LOG.severe("picktartup.admin.password-hash is not an Argon2id PHC string: no admin created");
                return;
            }
            hash = passwordHash.get().trim();
        } else if (password.filter(p -> !p.isBlank()).isPresent()) {
            var problem = PasswordPolicy.problem(password.get());
            if (problem.isPresent()) {
                LOG.severe("picktartup.admin.password " + problem.get() + ": no admin created");
                return;
            }
            hash = null;
        } else {
            LOG.severe("picktartup.admin.email is set without picktartup.admin.password(-hash): no admin created");
            return;
        }
        if (AccountRegistry.findByEmail(em, address.value()).isPresent()) {
            return;
        }
        UUID id = UUID.randomUUID();
        var now = clock.now();
        // an initial password from the environment was handed over (and may linger in files and shells): it must
        // be changed at first login; a hash was chosen by whoever holds the password and is kept
        int inserted = em.createNativeQuery("""
                        insert into account (id, email, name, password_hash, role, investor_category, created_at,
                                             updated_at, status, email_verified_at, password_change_required)
                        values (?1, ?2, 'Administrator', ?3, 'ADMIN', 'GENERAL', ?4, ?4, 'ACTIVE', ?4, ?5)
                        on conflict (email) do nothing""")
                .setParameter(1, id)
                .setParameter(2, address.value())
                .setParameter(3, hash != null ? hash : hasher.hash(password.get()))
                .setParameter(4, now)
                .setParameter(5, hash == null)
                .executeUpdate();
        if (inserted == 1) {
            audit.record("system", "account.admin-created", "account", id.toString(), null, address.value());
            LOG.info(() -> "First admin " + address.value() + " created from configuration");
        }
    }
}
