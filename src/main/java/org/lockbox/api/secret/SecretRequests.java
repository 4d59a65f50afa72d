package org.lockbox.api.secret;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.MultivaluedMap;

import org.lockbox.api.ApiException;
import org.lockbox.api.JsonFields;
import org.lockbox.api.Listing;
import org.lockbox.policy.Scope;
import org.lockbox.secret.AccessTerms;
import org.lockbox.secret.Algorithms;
import org.lockbox.secret.NewSecret;
import org.lockbox.secret.PayloadContentType;
import org.lockbox.secret.SecretQuery;
import org.lockbox.secret.SecretType;

/** Reads and validates secret requests as Barbican does, with stricter checks where Barbican is lax. */
final class SecretRequests {

    private SecretRequests() {
    }

    static NewSecret newSecret(SecretsResource.NewSecretRequest body) {
        String typeName = body.secretType();
        SecretType type = typeName == null ? SecretType.OPAQUE : SecretType.fromWire(typeName)
                .orElseThrow(() -> ApiException.badRequest("Unknown 'secret_type' '" + typeName
                        + "'; expected symmetric, public, private, passphrase, certificate or opaque."));
        String algorithm = body.algorithm();
        if (algorithm != null && !Algorithms.known(algorithm)) {
            throw ApiException.badRequest("Unknown 'algorithm' '" + algorithm + "'.");
        }
        Integer bits = body.bitLength();
        if (bits != null && (bits <= 0 || bits > Algorithms.MAX_DECLARED_BITS)) {
            throw ApiException.badRequest("'bit_length' must be between 1 and " + Algorithms.MAX_DECLARED_BITS + ".");
        }
        NewSecret secret = new NewSecret(body.name(), type, algorithm, bits, body.mode(),
                JsonFields.timestamp("expiration", body.expiration()), null, null);

        String payload = body.payload();
        String contentType = body.payloadContentType();
        String encoding = body.payloadContentEncoding();
        if (payload == null) {
            if (contentType != null || encoding != null) {
                throw ApiException.badRequest("'payload_content_type' and 'payload_content_encoding'"
                        + " are only allowed with a 'payload'.");
            }
            return secret;
        }
        if (payload.isEmpty()) {
            throw ApiException.badRequest("If 'payload' is specified, it must not be empty.");
        }
        if (contentType == null) {
            throw ApiException.badRequest("'payload_content_type' is required with a 'payload'.");
        }
        String normalised = contentType(contentType, 400);
        return secret.withPayload(normalised, decode(payload, normalised, encoding));
    }

    /**
     * Lockbox's access terms in a new-secret request, all optional: "scope" (entity, user, project,
     * domain), "entity_id" (required with, and only with, scope entity), "dual_lock" (true or false)
     * and "project_id" (another project, whose write-only grant lets the caller's service create there).
     */
    static AccessTerms accessTerms(SecretsResource.NewSecretRequest body) {
        String scopeName = body.scope();
        Scope scope = scopeName == null ? Scope.PROJECT : Scope.fromWire(scopeName)
                .orElseThrow(() -> ApiException.badRequest("Unknown 'scope' '" + scopeName
                        + "'; expected entity, user, project or domain."));
        String entityId = body.entityId();
        if (scope == Scope.ENTITY && (entityId == null || entityId.isBlank())) {
            throw ApiException.badRequest("An entity-scoped key needs the 'entity_id' of the entity it protects.");
        }
        if (scope != Scope.ENTITY && entityId != null) {
            throw ApiException.badRequest("'entity_id' is only allowed with 'scope' entity.");
        }
        boolean dualLock = Boolean.TRUE.equals(body.dualLock());
        String project = body.projectId();
        if (project != null && project.isBlank()) {
            throw ApiException.badRequest("'project_id' must not be empty.");
        }
        return new AccessTerms(scope, entityId, dualLock, project);
    }

    /** A payload uploaded with PUT: raw bytes, or base64 text when Content-Encoding says so. */
    static byte[] uploadedPayload(byte[] body, String normalisedContentType, String contentEncoding) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("The payload is empty.");
        }
        if (contentEncoding == null) {
            if (PayloadContentType.isBinary(normalisedContentType) || isUtf8(body)) {
                return body;
            }
            throw ApiException.badRequest("A text/plain payload must be UTF-8.");
        }
        return decode(new String(body, StandardCharsets.US_ASCII), normalisedContentType, contentEncoding);
    }

    static String contentType(String contentType, int statusIfUnsupported) {
        return PayloadContentType.normalise(contentType).orElseThrow(() -> new ApiException(statusIfUnsupported,
                "Unsupported payload content type; expected text/plain, application/octet-stream,"
                        + " application/pkcs8 or application/pkix-cert."));
    }

    private static byte[] decode(String payload, String normalisedContentType, String encoding) {
        if (encoding == null) {
            if (PayloadContentType.isBinary(normalisedContentType)) {
                throw ApiException.badRequest("A binary payload requires 'payload_content_encoding': 'base64'.");
            }
            return payload.getBytes(StandardCharsets.UTF_8);
        }
        if (!encoding.equalsIgnoreCase("base64")) {
            throw ApiException.badRequest("Unsupported payload encoding '" + encoding + "'; only base64 is supported.");
        }
        try {
            return Base64.getDecoder().decode(payload.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The payload is not valid base64.");
        }
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static SecretQuery query(MultivaluedMap<String, String> params) {
        String typeName = params.getFirst("secret_type");
        SecretType type = typeName == null ? null : SecretType.fromWire(typeName)
                .orElseThrow(() -> ApiException.badRequest("Unknown 'secret_type' '" + typeName + "'."));
        Integer bits = null;
        if (params.getFirst("bits") != null) {
            try {
                bits = Integer.parseInt(params.getFirst("bits"));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("'bits' must be an integer.");
            }
        }
        List<SecretQuery.DateFilter> dates = new ArrayList<>();
        for (String field : List.of("created", "updated", "expiration")) {
            List<String> values = params.get(field);
            if (values != null) {
                for (String value : values) {
                    for (String term : value.split(",")) {
                        dates.add(dateFilter(field, term));
                    }
                }
            }
        }
        String marker = Listing.filter(params.getFirst("marker"));
        if (marker != null && params.getFirst("offset") != null) {
            throw ApiException.badRequest("Page by 'offset' or by 'marker', not both.");
        }
        return new SecretQuery(params.getFirst("name"), params.getFirst("alg"), params.getFirst("mode"), bits, type,
                dates, sorts(params.getFirst("sort")), Listing.offset(params.getFirst("offset")), marker,
                Listing.limit(params.getFirst("limit")), SecretsResource.flag("acl_only", params.getFirst("acl_only")));
    }

    private static SecretQuery.DateFilter dateFilter(String field, String term) {
        SecretQuery.Comparison comparison = SecretQuery.Comparison.EQ;
        String value = term;
        int colon = term.indexOf(':');
        if (colon > 0 && colon <= 3) {
            String op = term.substring(0, colon).toUpperCase(Locale.ROOT);
            try {
                comparison = SecretQuery.Comparison.valueOf(op);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Unknown comparison '" + op.toLowerCase(Locale.ROOT)
                        + "' for '" + field + "'; expected gt, gte, lt or lte.");
            }
            value = term.substring(colon + 1);
        }
        return new SecretQuery.DateFilter(field, comparison,
                JsonFields.parseTimestamp(field, value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }

    private static List<SecretQuery.Sort> sorts(String sort) {
        List<SecretQuery.Sort> sorts = new ArrayList<>();
        if (sort == null || sort.isBlank()) {
            sorts.add(new SecretQuery.Sort("created", true));
            return sorts;
        }
        for (String key : sort.split(",")) {
            String[] parts = key.trim().split(":");
            String field = parts[0];
            if (SecretQuery.attribute(field) == null || parts.length > 2) {
                throw ApiException.badRequest("Cannot sort by '" + key + "'.");
            }
            String direction = parts.length == 2 ? parts[1].toLowerCase(Locale.ROOT) : "asc";
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw ApiException.badRequest("Sort direction must be asc or desc, not '" + parts[1] + "'.");
            }
            sorts.add(new SecretQuery.Sort(field, direction.equals("asc")));
        }
        return sorts;
    }
}
