package org.lockbox.rotation;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
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

import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lockbox.crypto.KeyEncryptionKeys;
import org.lockbox.persistence.SweepLeases;
import org.lockbox.rootoftrust.MasterKey;
import org.lockbox.rootoftrust.MasterKeys;

/**
 * The background sweep that carries rotations out, never on a request's path. Every few seconds
 * (and at once when a rotation is asked for) it looks for KEKs under a master-key version older
 * than the service's current one, and for secrets under a superseded KEK version, and rewraps them
 * one per transaction at a bounded rate, in slices of about a second. What is left is always read
 * from the keys themselves, so a sweep cut short by a crash or a stop resumes at the next start.
 * One replica sweeps at a time: the one holding the sweep's lease in the database, taken or renewed
 * at the start of every slice and released when nothing is left; the others skip their turns. When
 * the holder dies its lease expires, and the next replica's scan takes over and finishes the work.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RotationWorker {

    static final Duration RETRY_FAILED_AFTER = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(RotationWorker.class.getName());
    /** How many keys are looked up at a time; each is then rewrapped in its own transaction. */
    private static final int BATCH = 100;
    private static final long SLICE_NANOS = 1_000_000_000L;
    /** The name of the sweep's lease. */
    static final String LEASE = "rotation";

    @Resource
    TimerService timers;

    @EJB
    Rewrapper rewrapper;

    @EJB
    RotationRecords records;

    @Inject
    MasterKeys masterKeys;

    @Inject
    KeyEncryptionKeys keks;

    @Inject
    @ConfigProperty(name = "lockbox.services")
    List<String> services;

    @Inject
    @ConfigProperties
    RotationConfig pacing;

    @Inject
    SweepLeases leases;

    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final AtomicBoolean sweepAgain = new AtomicBoolean();
    private final Map<String, Instant> failedAt = new ConcurrentHashMap<>();
    /** Touched only by the one slice running at a time (the sweeping flag orders them). */
    private final Map<String, Pass> passes = new HashMap<>();
    private volatile boolean stopping;
    /** Whether this server held the lease after its last slice. */
    private volatile boolean leased;
    private RateLimiter pace;

    @PostConstruct
    void schedule() {
        pace = RateLimiter.perSecond(pacing.maxPerSecond);
        timers.createIntervalTimer(Math.max(0, pacing.startDelaySeconds) * 1_000,
                Math.max(1, pacing.scanSeconds) * 1_000,
                new TimerConfig("lockbox-rotation-sweep", false));
        LOG.info(() -> "Key rotation sweep every " + pacing.scanSeconds + " s from " + pacing.startDelaySeconds
                + " s after start, rewrapping at most "
                + (pacing.maxPerSecond > 0 ? pacing.maxPerSecond + " keys/s" : "as fast as it can")
                + ", while this server holds its lease (" + Math.max(1, pacing.leaseSeconds) + " s, renewed every slice)");
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (leased) {
            leased = false;
            leases.release(LEASE);
        }
    }

    /** Sweeps as soon as possible: a rotation was just asked for. */
    public void sweepSoon() {
        sweepAgain.set(true);
        timers.createSingleActionTimer(50, new TimerConfig("lockbox-rotation-now", false));
    }

    /**
     * One slice of the sweep: about a second of work, after which the sweep schedules its own
     * continuation. Short slices let the server stop promptly (it waits for running work before
     * it stops) and let the sweep end as soon as the application is told to stop.
     */
    @Timeout
    void onTimer() {
        if (!sweeping.compareAndSet(false, true)) {
            sweepAgain.set(true);
            return;
        }
        boolean unfinished = false;
        boolean held = false;
        try {
            sweepAgain.set(false);
            held = takeLease();
            if (held) {
                unfinished = sweep(System.nanoTime() + SLICE_NANOS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.log(Level.WARNING, "Key rotation sweep failed; the next one retries: " + e.getMessage(), e);
            }
        } finally {
            if (held && (stopping || !(unfinished || sweepAgain.get()))) {
                leased = false;
                leases.release(LEASE);
            }
            sweeping.set(false);
        }
        if (held && (unfinished || sweepAgain.get()) && !stopping) {
            try {
                timers.createSingleActionTimer(1, new TimerConfig("lockbox-rotation-continue", false));
            } catch (IllegalStateException | EJBException stopped) {
                // The application is stopping; the next start resumes from the keys themselves.
            }
        }
    }

    /**
     * Takes the sweep's lease, or renews it for one more slice. A lease newly taken starts every pass
     * afresh from the keys: while another replica held it, it may have done part of the work.
     */
    private boolean takeLease() {
        boolean held = leases.acquire(LEASE, Duration.ofSeconds(Math.max(1, pacing.leaseSeconds)));
        if (held && !leased) {
            passes.clear();
        }
        leased = held;
        return held;
    }

    /** Works on every rotation in turn until the deadline; true when there is more to do. */
    private boolean sweep(long deadline) throws InterruptedException {
        if (!masterKeys.ready()) {
            return false;
        }
        Set<String> current = new HashSet<>();
        for (String service : services) {
            MasterKey key = masterKeys.current(service);
            String target = "master-key " + service + " v" + key.version();
            current.add(target);
            if (waitingAfterFailure(target)) {
                continue;
            }
            Pass pass = passes.get(target);
            if (pass == null) {
                long remaining = records.keksBelow(service, key.version());
                if (remaining == 0) {
                    continue;
                }
                pass = startKekPass(service, key, remaining);
                passes.put(target, pass);
            }
            if (!continueKekPass(service, key, pass, deadline)) {
                return true;
            }
            passes.remove(target);
            noteFailure(target, pass.failed);
        }
        for (Rewrapper.ProjectRef project : rewrapper.projectsWithSupersededKeks()) {
            String target = "kek " + project.service() + " " + project.projectId();
            current.add(target);
            if (waitingAfterFailure(target)) {
                continue;
            }
            Pass pass = passes.get(target);
            if (pass == null) {
                pass = startSecretPass(project);
                if (pass == null) {
                    continue;
                }
                passes.put(target, pass);
            }
            if (!continueSecretPass(project, pass, deadline)) {
                return true;
            }
            passes.remove(target);
            noteFailure(target, pass.failed);
        }
        passes.keySet().retainAll(current);
        return false;
    }

    /** Master-key rotation: every KEK of the service under an older version, each in its own transaction. */
    private Pass startKekPass(String service, MasterKey key, long remaining) {
        RotationProgress rotation = records.begin(Rotation.MASTER_KEY, service, null, key.version(), remaining);
        Pass pass = new Pass(key.version(), new ProgressLog(LOG, "Master-key rotation of service '" + service
                + "' to version " + key.version(), "KEKs", rotation.rotation().total(), rotation.rewrapped(),
                System::nanoTime));
        pass.progress.started(remaining);
        return pass;
    }

    /** True when the pass went through every KEK; false when time ran out or the server is stopping. */
    private boolean continueKekPass(String service, MasterKey key, Pass pass, long deadline)
            throws InterruptedException {
        List<Rewrapper.KekRef> keks;
        while (!(keks = rewrapper.keksBelow(service, key.version(), pass.kekCursor, BATCH)).isEmpty()) {
            for (Rewrapper.KekRef kek : keks) {
                if (outOfTime(pass, deadline)) {
                    return false;
                }
                pass.failed += rewrapOne(pass.progress, () -> rewrapper.rewrapKek(kek, key),
                        "KEK version " + kek.version() + " of project " + kek.projectId());
                pass.kekCursor = kek;
            }
        }
        records.finish(Rotation.MASTER_KEY, service, null, key.version(), pass.failed);
        long left = records.keksBelow(service, key.version());
        pass.progress.finished(left, left == 0
                ? "older master-key versions of the service wrap no KEK and may be retired" : "");
        return true;
    }

    /** KEK rotation: every secret of the project under a superseded KEK version, each in its own transaction. */
    private Pass startSecretPass(Rewrapper.ProjectRef project) {
        Integer current = records.activeKekVersion(project.service(), project.projectId());
        if (current == null) {
            return null;
        }
        long remaining = records.secretsBelow(project.service(), project.projectId(), current);
        RotationProgress rotation = records.begin(Rotation.KEK, project.service(), project.projectId(), current,
                remaining);
        Pass pass = new Pass(current, new ProgressLog(LOG, "KEK rotation of project " + project.projectId()
                + " (service '" + project.service() + "') to KEK version " + current, "secrets",
                rotation.rotation().total(), rotation.rewrapped(), System::nanoTime));
        pass.remainingAtStart = remaining;
        if (remaining > 0) {
            pass.progress.started(remaining);
        }
        return pass;
    }

    private boolean continueSecretPass(Rewrapper.ProjectRef project, Pass pass, long deadline)
            throws InterruptedException {
        List<String> ids;
        while (!(ids = rewrapper.secretsBelow(project, pass.version, pass.secretCursor, BATCH)).isEmpty()) {
            for (String id : ids) {
                if (outOfTime(pass, deadline)) {
                    return false;
                }
                pass.failed += rewrapOne(pass.progress, () -> rewrapper.rewrapSecret(project, id, pass.version),
                        "secret " + id);
                pass.secretCursor = id;
            }
        }
        int retired = rewrapper.retireUnusedKeks(project);
        if (retired > 0) {
            keks.forgetVersionsBelow(project.service(), project.projectId(), pass.version);
        }
        records.finish(Rotation.KEK, project.service(), project.projectId(), pass.version, pass.failed);
        long left = records.secretsBelow(project.service(), project.projectId(), pass.version);
        if (pass.remainingAtStart > 0 || left > 0 || retired > 0) {
            pass.progress.finished(left, retired > 0 ? retired + " superseded KEK version(s) retired" : "");
        }
        return true;
    }

    private boolean outOfTime(Pass pass, long deadline) {
        if (stopping) {
            pass.progress.interrupted();
            return true;
        }
        return System.nanoTime() - deadline > 0;
    }

    /**
     * Rewraps one key, counts the outcome and paces the sweep; returns 1 when the key failed its
     * integrity check. A database refusal (a deadlock victim, a lock wait timeout) leaves the key
     * for the next sweep.
     */
    private int rewrapOne(ProgressLog progress, Supplier<Rewrapper.Outcome> rewrap, String key)
            throws InterruptedException {
        int failed = 0;
        try {
            switch (rewrap.get()) {
                case REWRAPPED -> progress.rewrapped(1);
                case FAILED -> {
                    progress.failed(1);
                    failed = 1;
                }
                case UNCHANGED -> { }
            }
        } catch (EJBException e) {
            LOG.info(() -> "Rewrapping " + key + " is left for the next sweep: " + e.getMessage());
        }
        pace.spent(1);
        return failed;
    }

    /** Where one rotation's sweep has got to, kept between slices (and lost with the process, harmlessly). */
    private static final class Pass {
        final int version;
        final ProgressLog progress;
        Rewrapper.KekRef kekCursor;
        String secretCursor = "";
        long failed;
        long remainingAtStart;

        Pass(int version, ProgressLog progress) {
            this.version = version;
            this.progress = progress;
        }
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
}
