package org.lockbox.api.audit;

import static org.lockbox.policy.Action.AUDIT_READ;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import jakarta.ejb.EJB;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lockbox.api.ApiException;
import org.lockbox.api.ApiResource;
import org.lockbox.api.Listing;
import org.lockbox.api.Paging;
import org.lockbox.api.Timestamps;
import org.lockbox.audit.AuditEvent;
import org.lockbox.audit.AuditQuery;
import org.lockbox.audit.AuditTrail;
import org.lockbox.audit.Audited;
import org.lockbox.audit.EventFields;
import org.lockbox.audit.Verification;
import org.lockbox.identity.Caller;
import org.lockbox.policy.AccessDeniedException;
import org.lockbox.policy.Action;
import org.lockbox.policy.Requires.Where;
import org.lockbox.policy.Requires;

/**
 * Lockbox extension: the audit trail. Events newest first with filters (a key's history with
 * key_id), their CADF export, and the check of the hash chain. key-manager:service-admin reads every
 * project's events; the audit and admin roles read their token's project: its callers' events and
 * every use of its keys, whoever made it.
 */
@Tag(name = "Audit")
@APIResponse(responseCode = "403", ref = "Forbidden")
@Path("v1/lockbox/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource extends ApiResource {

    private static final Set<String> OUTCOMES = Set.of(EventFields.ALLOWED, EventFields.DENIED, EventFields.FAILED,
            EventFields.PENDING);

    @EJB
    AuditTrail trail;

    /** The shape of an audit listing. */
    @Schema(name = "AuditEventList")
    public record AuditEventList(List<AuditEventView> events, long total, String next, String previous) {
    }

    /** The shape of a chain check. */
    @Schema(name = "AuditVerification")
    public record VerificationView(boolean intact, long eventsChecked, Verification.Broken firstBroken,
                                   String checkedAt, long headSequence, String headHash) {
    }

    @Audited("audit.list")
    @Requires(value = AUDIT_READ, where = Where.TOKEN_PROJECT_OR_EVERY_PROJECT)
    @GET
    @Operation(summary = "List audit events", description = "Newest first. Filters combine; paged by offset and"
            + " limit (default 10, at most 100). Events of other projects need key-manager:service-admin.")
    @Parameter(name = "key_id", description = "Only events about this secret, container or order (a key's history)")
    @Parameter(name = "project_id", description = "Only events of this project: its callers' requests and uses of its keys")
    @Parameter(name = "user_id", description = "Only events of this user (as user or acting user)")
    @Parameter(name = "outcome", description = "allowed, denied, failed, or pending (the intent of a change, recorded before it)")
    @Parameter(name = "action", description = "Only this action, e.g. secrets.delete")
    @Parameter(name = "since", description = "ISO 8601 time: events at or after it")
    @Parameter(name = "until", description = "ISO 8601 time: events before it")
    @APIResponse(responseCode = "200", description = "One page of events",
            content = @Content(schema = @Schema(implementation = AuditEventList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public AuditEventList list(@QueryParam("key_id") String keyId, @QueryParam("project_id") String projectId,
                                    @QueryParam("user_id") String userId, @QueryParam("outcome") String outcome,
                                    @QueryParam("action") String action, @QueryParam("since") String since,
                                    @QueryParam("until") String until, @BeanParam Paging paging) {
        AuditQuery query = query(keyId, projectId, userId, outcome, action, since, until, paging);
        var page = trail.list(query);
        Listing.Links links = links(page);
        return new AuditEventList(page.items().stream().map(this::shown).map(AuditEventView::of).toList(),
                links.total(), links.next(), links.previous());
    }

    @Audited("audit.cadf")
    @Requires(value = AUDIT_READ, where = Where.TOKEN_PROJECT_OR_EVERY_PROJECT)
    @GET
    @Path("cadf")
    @Operation(summary = "Export audit events as CADF", description = "The events the same filters and paging"
            + " select, as a JSON array of DMTF CADF events (what OpenStack's audit tooling reads).")
    @Parameter(name = "key_id", description = "Only events about this secret, container or order")
    @Parameter(name = "project_id", description = "Only events of this project")
    @Parameter(name = "user_id", description = "Only events of this user")
    @Parameter(name = "outcome", description = "allowed, denied, failed, or pending (the intent of a change, recorded before it)")
    @Parameter(name = "action", description = "Only this action, e.g. secrets.delete")
    @Parameter(name = "since", description = "ISO 8601 time: events at or after it")
    @Parameter(name = "until", description = "ISO 8601 time: events before it")
    @APIResponse(responseCode = "200", description = "CADF events, newest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CadfEvents.Event.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public List<CadfEvents.Event> cadf(@QueryParam("key_id") String keyId, @QueryParam("project_id") String projectId,
                                          @QueryParam("user_id") String userId, @QueryParam("outcome") String outcome,
                                          @QueryParam("action") String action, @QueryParam("since") String since,
                                          @QueryParam("until") String until, @BeanParam Paging paging) {
        AuditQuery query = query(keyId, projectId, userId, outcome, action, since, until, paging);
        return trail.list(query).items().stream().map(this::shown).map(CadfEvents::of).toList();
    }

    /**
     * An event as the caller may see it: whole for a service-wide role; for a tenant's auditor, a
     * refusal answered 404 (so as not to reveal a key) is shown as denied without the rule's reason.
     */
    private AuditEvent shown(AuditEvent event) {
        Caller caller = caller();
        return authorizer.allowsServiceWide(caller, AUDIT_READ) ? event : event.concealedFor(caller.projectId());
    }

    @Audited("audit.verification")
    @Requires(value = AUDIT_READ, where = Where.TOKEN_PROJECT_OR_EVERY_PROJECT)
    @GET
    @Path("verification")
    @Operation(summary = "Verify the audit chain", description = "Recomputes every event's hash from sequence 1 to"
            + " the chain's head and names the first event that was edited, deleted, inserted or reordered.")
    @APIResponse(responseCode = "200", description = "The result of the check",
            content = @Content(schema = @Schema(implementation = VerificationView.class)))
    public VerificationView verification() {
        Verification result = trail.verify();
        return new VerificationView(result.intact(), result.eventsChecked(), result.firstBroken(),
                Timestamps.format(result.checkedAt()), result.headSequence(), result.headHash());
    }

    private AuditQuery query(String keyId, String projectId, String userId, String outcome, String action,
                             String since, String until, Paging paging) {
        Caller caller = caller();
        String project = authorizer.listedProject(caller, AUDIT_READ, Listing.filter(projectId), "audit events");
        if (outcome != null && !outcome.isEmpty() && !OUTCOMES.contains(outcome)) {
            throw ApiException.badRequest("'outcome' must be one of allowed, denied, failed or pending.");
        }
        return new AuditQuery(Listing.filter(keyId), project, Listing.filter(userId), Listing.filter(outcome),
                Listing.filter(action), time("since", since), time("until", until), paging.offset(), paging.limit());
    }

    private static LocalDateTime time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value);
            } catch (DateTimeParseException e2) {
                throw ApiException.badRequest("'" + name + "' must be an ISO 8601 time, e.g. 2026-01-02T03:04:05Z.");
            }
        }
    }
}
