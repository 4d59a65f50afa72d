package org.lockbox.secret;

import java.time.LocalDateTime;
import java.util.List;

/**
 * Barbican's secret listing filters, sorting and paging, already validated.
 *
 * @param marker  the id of the last secret of the page before, to list the secrets after it instead of at an offset;
 *                or null
 * @param aclOnly list the secrets, of any project, whose read ACL names the caller, instead of the project's
 */
public record SecretQuery(String name, String algorithm, String mode, Integer bits, SecretType type,
                          List<DateFilter> dateFilters, List<Sort> sorts, int offset, String marker, int limit,
                          boolean aclOnly) {

    public SecretQuery {
        dateFilters = List.copyOf(dateFilters);
        sorts = List.copyOf(sorts);
    }

    /** Date comparisons as Barbican spells them: gt, gte, lt, lte or none for equality. */
    public enum Comparison { EQ, GT, GTE, LT, LTE }

    /** A filter such as created=gt:2026-01-01T00:00:00. */
    public record DateFilter(String field, Comparison comparison, LocalDateTime value) {
    }

    /** A sort key such as created:desc. */
    public record Sort(String field, boolean ascending) {
    }

    /** The entity attribute behind each field a caller may filter or sort on. */
    public static String attribute(String field) {
        return switch (field) {
            case "created", "updated", "expiration", "name", "status", "algorithm", "mode" -> field;
            case "bit_length" -> "bitLength";
            case "secret_type" -> "secretType";
            default -> null;
        };
    }
}
