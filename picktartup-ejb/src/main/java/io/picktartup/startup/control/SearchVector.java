package io.picktartup.startup.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.UUID;

/**
 * Keeps a startup's search vector current: rebuilt by the database's {@code startup_search_vector} (migration V15,
 * the one definition of what is searchable and how) in the transaction that changed the startup or its team.
 */
@Dependent
public class SearchVector {

    @PersistenceContext
    EntityManager em;

    public void refresh(UUID startupId) {
        em.flush(); // the function reads the rows this transaction just wrote
        em.createNativeQuery("update startup set search_vector = startup_search_vector(id) where id = ?1")
                .setParameter(1, startupId).executeUpdate();
    }
}
