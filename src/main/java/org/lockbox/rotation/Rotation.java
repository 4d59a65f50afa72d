package org.lockbox.rotation;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One rotation: of a service's master key (its KEKs are rewrapped under the new version) or of a
 * project's KEK (the project's secrets are rewrapped under the new KEK version). What remains to
 * do is counted live from the keys themselves, so the record stays right across crashes and replicas.
 */
@Entity
@Table(name = "key_rotation")
public class Rotation {

    public static final String MASTER_KEY = "MASTER_KEY";
    public static final String KEK = "KEK";

    /** Rewrapping is under way or about to resume. */
    public static final String RUNNING = "RUNNING";
    /** Nothing is wrapped under an older version any more. */
    public static final String DONE = "DONE";
    /** Some keys could not be rewrapped (they fail their integrity check); retried later. */
    public static final String STALLED = "STALLED";

    @Id
    private String id;

    @Column(nullable = false)
    private String kind;

    @Column(nullable = false)
    private String service;

    @Column(name = "project_id")
    private String projectId;

    @Column(name = "from_version", nullable = false)
    private int fromVersion;

    @Column(name = "to_version", nullable = false)
    private int toVersion;

    @Column(nullable = false)
    private String state;

    @Column(nullable = false)
    private long total;

    @Column(nullable = false)
    private long failed;

    private String detail;

    @Column(nullable = false)
    private LocalDateTime started;

    @Column(nullable = false)
    private LocalDateTime updated;

    private LocalDateTime finished;

    protected Rotation() {
    }

    Rotation(String kind, String service, String projectId, int fromVersion, int toVersion, long total,
             LocalDateTime now) {
        this.id = UUID.randomUUID().toString();
        this.kind = kind;
        this.service = service;
        this.projectId = projectId;
        this.fromVersion = fromVersion;
        this.toVersion = toVersion;
        this.state = RUNNING;
        this.total = total;
        this.started = now;
        this.updated = now;
    }

    /** More to rewrap than recorded (keys wrapped under an old version since): running again, total grown. */
    void resume(long remaining, LocalDateTime now) {
        if (DONE.equals(state)) {
            total += remaining;
            state = RUNNING;
            finished = null;
        } else {
            total = Math.max(total, remaining);
        }
        updated = now;
    }

    void finish(long remaining, long failedNow, LocalDateTime now) {
        updated = now;
        if (remaining == 0) {
            state = DONE;
            failed = 0;
            detail = null;
            finished = now;
        } else if (failedNow > 0) {
            state = STALLED;
            failed = failedNow;
            detail = failedNow + (MASTER_KEY.equals(kind) ? " KEKs" : " secrets")
                    + " failed their integrity check and could not be rewrapped; retried every "
                    + RotationWorker.RETRY_FAILED_AFTER.toMinutes() + " minutes and at each start";
        }
    }

    public String id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    public String service() {
        return service;
    }

    /** The project of a KEK rotation; null for a master-key rotation. */
    public String projectId() {
        return projectId;
    }

    public int fromVersion() {
        return fromVersion;
    }

    public int toVersion() {
        return toVersion;
    }

    public String state() {
        return state;
    }

    public long total() {
        return total;
    }

    public long failed() {
        return failed;
    }

    public String detail() {
        return detail;
    }

    public OffsetDateTime started() {
        return started.atOffset(ZoneOffset.UTC);
    }

    public OffsetDateTime updated() {
        return updated.atOffset(ZoneOffset.UTC);
    }

    public OffsetDateTime finished() {
        return finished == null ? null : finished.atOffset(ZoneOffset.UTC);
    }
}
