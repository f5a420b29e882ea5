package io.picktartup.platform.control;

import io.picktartup.platform.entity.Setting;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;

/** Run-time settings in the caller's transaction; every change is audited with its old and new value. */
@Dependent
public class Settings {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public Optional<String> find(String key) {
        return Optional.ofNullable(em.find(Setting.class, key)).map(Setting::value);
    }

    public java.util.List<Setting> all() {
        return em.createQuery("select s from Setting s order by s.key", Setting.class).getResultList();
    }

    public boolean flag(String key) {
        return find(key).map(Boolean::parseBoolean).orElse(false);
    }

    public Setting put(String actor, String key, String value) {
        var existing = em.find(Setting.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (existing == null) {
            var created = new Setting(key, value, clock.now());
            created.changedBy(actor);
            em.persist(created);
            audit.record(actor, "setting.created", "app_setting", key, null, value);
            return created;
        }
        String old = existing.change(value, clock.now());
        existing.changedBy(actor);
        audit.record(actor, "setting.changed", "app_setting", key, old, value);
        return existing;
    }
}
