package org.lockbox.access;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.lockbox.identity.Caller;
import org.lockbox.policy.KeyGrant;
import org.lockbox.secret.GrantLookup;

/** Answers the secret service's questions about grants from the grants table. */
@Stateless
public class StoredGrantLookup implements GrantLookup {

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    @Override
    public List<KeyGrant> readGrantsFor(String projectId, String secretId) {
        return em.createQuery("""
                        SELECT g FROM Grant g WHERE g.projectId = :project AND g.access = 'read'
                        AND (g.secretId = :secret OR g.secretId IS NULL)""", Grant.class)
                .setParameter("project", projectId)
                .setParameter("secret", secretId)
                .getResultList().stream().map(Grant::facts).toList();
    }

    @Override
    public boolean letsCreate(Caller caller, String projectId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return em.createQuery("""
                        SELECT g FROM Grant g WHERE g.projectId = :project AND g.service = :service
                        AND g.access = 'write-only'""", Grant.class)
                .setParameter("project", projectId)
                .setParameter("service", caller.service())
                .getResultList().stream().anyMatch(g -> g.facts().letsServiceCreate(caller, projectId, now));
    }
}
