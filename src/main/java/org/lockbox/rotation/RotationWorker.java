package org.lockbox.rotation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lockbox.rootoftrust.MasterKey;
import org.lockbox.rootoftrust.MasterKeys;

/**
 * The background sweep that carries rotations out, never on a request's path. Every few seconds
 * (and at once when a rotation is asked for) it looks for KEKs under a master-key version older
 * than the service's current one, and for secrets under a superseded KEK version, and rewraps them
 * a few at a time at a bounded rate. It keeps no state of its own: what is left is read from the
 * keys each time, so a sweep cut short by a crash or a stop simply resumes at the next start.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RotationWorker {

    static final Duration RETRY_FAILED_AFTER = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(RotationWorker.class.getName());
    private static final int BATCH = 50;

    @Resource
    TimerService timers;

    @EJB
    Rewrapper rewrapper;

    @EJB
    RotationRecords records;

    @Inject
    MasterKeys masterKeys;

    @Inject
    @ConfigProperty(name = "lockbox.services")
    List<String> services;

    @Inject
    @ConfigProperty(name = "lockbox.rotation.scan-seconds", defaultValue = "10")
    long scanSeconds;

    @Inject
    @ConfigProperty(name = "lockbox.rotation.max-per-second", defaultValue = "200")
    int maxPerSecond;

    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final AtomicBoolean sweepAgain = new AtomicBoolean();
    private final Map<String, Instant> failedAt = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private RateLimiter pace;
    private int batch;

    @PostConstruct
    void schedule() {
        pace = RateLimiter.perSecond(maxPerSecond);
        batch = maxPerSecond > 0 ? Math.min(BATCH, maxPerSecond) : BATCH;
        timers.createIntervalTimer(2_000, Math.max(1, scanSeconds) * 1_000,
                new TimerConfig("lockbox-rotation-sweep", false));
        LOG.info(() -> "Key rotation sweep every " + scanSeconds + " s, rewrapping at most "
                + (maxPerSecond > 0 ? maxPerSecond + " keys/s" : "as fast as it can"));
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }

    /** Sweeps as soon as possible: a rotation was just asked for. */
    public void sweepSoon() {
        sweepAgain.set(true);
        timers.createSingleActionTimer(50, new TimerConfig("lockbox-rotation-now", false));
    }

    @Timeout
    void onTimer() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            do {
                sweepAgain.set(false);
                sweep();
            } while (sweepAgain.get() && !stopping);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.log(Level.WARNING, "Key rotation sweep failed; the next one retries: " + e.getMessage(), e);
            }
        } finally {
            sweeping.set(false);
        }
    }

    private void sweep() throws InterruptedException {
        if (!masterKeys.ready()) {
            return;
        }
        for (String service : services) {
            if (stopping) {
                return;
            }
            MasterKey current = masterKeys.current(service);
            String target = "master-key " + service + " v" + current.version();
            if (!waitingAfterFailure(target)) {
                long remaining = records.keksBelow(service, current.version());
                if (remaining > 0) {
                    rewrapKeks(service, current, remaining, target);
                }
            }
        }
        for (Rewrapper.ProjectRef project : rewrapper.projectsWithSupersededKeks()) {
            if (stopping) {
                return;
            }
            String target = "kek " + project.service() + " " + project.projectId();
            if (!waitingAfterFailure(target)) {
                rewrapSecrets(project, target);
            }
        }
    }

    /** Master-key rotation: every KEK of the service under an older version, each in its own transaction. */
    private void rewrapKeks(String service, MasterKey current, long remaining, String target)
            throws InterruptedException {
        RotationProgress rotation = records.begin(Rotation.MASTER_KEY, service, null, current.version(), remaining);
        ProgressLog progress = new ProgressLog(LOG, "Master-key rotation of service '" + service + "' to version "
                + current.version(), "KEKs", rotation.rotation().total(), rotation.rewrapped(), System::nanoTime);
        progress.started(remaining);
        long failed = 0;
        Rewrapper.KekRef after = null;
        List<Rewrapper.KekRef> keks;
        while (!(keks = rewrapper.keksBelow(service, current.version(), after, batch)).isEmpty()) {
            for (Rewrapper.KekRef kek : keks) {
                if (stopping) {
                    progress.interrupted();
                    return;
                }
                try {
                    if (rewrapper.rewrapKek(kek, current)) {
                        progress.rewrapped(1);
                    }
                } catch (EJBException e) {
                    failed++;
                    progress.failed(1);
                    LOG.warning("KEK version " + kek.version() + " of project " + kek.projectId() + " (service '"
                            + service + "') stays under its master-key version: " + reason(e));
                }
                after = kek;
                pace.spent(1);
            }
        }
        records.finish(Rotation.MASTER_KEY, service, null, current.version(), failed);
        long left = records.keksBelow(service, current.version());
        progress.finished(left, left == 0 ? "older master-key versions of the service wrap no KEK and may be retired"
                : "");
        noteFailure(target, failed);
    }

    /** KEK rotation: every secret of the project under a superseded KEK version, a small batch per transaction. */
    private void rewrapSecrets(Rewrapper.ProjectRef project, String target) throws InterruptedException {
        Integer current = records.activeKekVersion(project.service(), project.projectId());
        if (current == null) {
            return;
        }
        long remaining = records.secretsBelow(project.service(), project.projectId(), current);
        RotationProgress rotation = records.begin(Rotation.KEK, project.service(), project.projectId(), current,
                remaining);
        ProgressLog progress = new ProgressLog(LOG, "KEK rotation of project " + project.projectId() + " (service '"
                + project.service() + "') to KEK version " + current, "secrets", rotation.rotation().total(),
                rotation.rewrapped(), System::nanoTime);
        if (remaining > 0) {
            progress.started(remaining);
        }
        long failed = 0;
        String after = "";
        while (true) {
            if (stopping) {
                progress.interrupted();
                return;
            }
            Rewrapper.SecretBatch done = rewrapper.rewrapSecrets(project, current, after, batch);
            if (done.seen() == 0) {
                break;
            }
            progress.rewrapped(done.rewrapped());
            if (done.failed() > 0) {
                failed += done.failed();
                progress.failed(done.failed());
            }
            after = done.lastId();
            pace.spent(done.seen());
        }
        int retired = rewrapper.retireUnusedKeks(project);
        records.finish(Rotation.KEK, project.service(), project.projectId(), current, failed);
        long left = records.secretsBelow(project.service(), project.projectId(), current);
        if (remaining > 0 || left > 0 || retired > 0) {
            progress.finished(left, retired > 0 ? retired + " superseded KEK version(s) retired" : "");
        }
        noteFailure(target, failed);
    }

    private boolean waitingAfterFailure(String target) {
        Instant failed = failedAt.get(target);
        if (failed == null) {
            return false;
        }
        if (Instant.now().isAfter(failed.plus(RETRY_FAILED_AFTER))) {
            failedAt.remove(target);
            return false;
        }
        return true;
    }

    private void noteFailure(String target, long failed) {
        if (failed > 0) {
            failedAt.put(target, Instant.now());
        } else {
            failedAt.remove(target);
        }
    }

    private static String reason(EJBException e) {
        Throwable cause = e.getCausedByException() != null ? e.getCausedByException() : e.getCause();
        return cause == null ? e.getMessage() : cause.getMessage();
    }
}
