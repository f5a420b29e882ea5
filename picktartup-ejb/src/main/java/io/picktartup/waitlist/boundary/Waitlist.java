package io.picktartup.waitlist.boundary;

import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.waitlist.entity.WaitlistEntry;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Joining the waitlist. Idempotent per email, and it answers the same whether the email was new or not, so the
 * endpoint cannot be used to find out who is on the list.
 */
@Stateless
public class Waitlist {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public void join(String email, String language) {
        String normalised = WaitlistEntry.checkedEmail(email);
        // insert-if-absent in one statement: two concurrent joins of the same email must not fail either one
        int inserted = em.createNativeQuery("""
                        insert into waitlist_entry (email, language, joined_at) values (?1, ?2, ?3)
                        on conflict (email) do nothing""")
                .setParameter(1, normalised)
                .setParameter(2, new WaitlistEntry(normalised, language, clock.now()).language())
                .setParameter(3, clock.now())
                .executeUpdate();
        if (inserted == 1) {
            audit.record("anonymous", "waitlist.joined", "waitlist_entry", normalised, null, language);
            return;
        }
        var existing = em.createQuery("select w from WaitlistEntry w where w.email = :email", WaitlistEntry.class)
                .setParameter("email", normalised)
                .getSingleResult();
        String before = existing.language();
        if (existing.prefer(language)) {
            audit.record("anonymous", "waitlist.language-changed", "waitlist_entry", normalised, before, language);
        }
    }

    public long size() {
        return em.createQuery("select count(w) from WaitlistEntry w", Long.class).getSingleResult();
    }

    /** The entries, oldest first (at most {@code max}). */
    public java.util.List<WaitlistEntry> entries(int max) {
        return em.createQuery("select w from WaitlistEntry w order by w.joinedAt, w.id", WaitlistEntry.class)
                .setMaxResults(Math.max(1, Math.min(max, WaitlistEntry.EXPORT_MAX)))
                .getResultList();
    }

    /** Every entry as a CSV file Excel opens with its Korean intact; the export is audited (it holds emails). */
    public byte[] export() {
        var entries = entries(WaitlistEntry.EXPORT_MAX);
        audit.record(io.picktartup.platform.entity.Caller.actor(context.getCallerPrincipal()), "waitlist.exported",
                "waitlist_entry", "*", null, Integer.toString(entries.size()));
        return WaitlistEntry.csv(entries);
    }

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;
}
