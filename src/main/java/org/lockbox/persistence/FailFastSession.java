package org.lockbox.persistence;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.Session;

/**
 * Makes EclipseLink give a database failure back at once instead of hiding it behind its own
 * reconnection: by default a read query outside a transaction that meets a connection failure is
 * run again up to three times, five seconds apart, and every SQL error is followed by a ping on the
 * same connection. While the database is away that turned a request into a wait of ten seconds or
 * more; the connection pool (validation on borrow, stale connections purged) and the caller (a 503
 * with Retry-After) handle the failure instead. Named in persistence.xml.
 */
public class FailFastSession implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        session.getLogin().setQueryRetryAttemptCount(0);
        session.getLogin().setDelayBetweenConnectionAttempts(0);
        session.getLogin().setConnectionHealthValidatedOnError(false);
    }
}
