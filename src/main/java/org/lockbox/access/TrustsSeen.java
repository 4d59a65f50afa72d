package org.lockbox.access;

import java.time.Duration;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.lockbox.identity.Caller;

/**
 * Notes each trust an authenticated caller acts under, writing at most once every few seconds per
 * trust, so that /v1/lockbox/trusts can list the trusts seen in force without a write per request.
 * A failure to record never fails the request.
 */
@ApplicationScoped
public class TrustsSeen {

    private static final Logger LOG = Logger.getLogger(TrustsSeen.class.getName());

    @EJB
    TrustRegistry registry;

    private final Cache<String, Boolean> recent = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(5)).build();

    public void saw(Caller caller) {
        if (caller.trust() == null || recent.getIfPresent(caller.trust().id()) != null) {
            return;
        }
        recent.put(caller.trust().id(), Boolean.TRUE);
        try {
            registry.record(caller.trust(), caller.projectId());
        } catch (RuntimeException e) {
            LOG.warning("Could not record the use of trust " + caller.trust().id() + ": " + e.getClass().getSimpleName());
        }
    }
}
