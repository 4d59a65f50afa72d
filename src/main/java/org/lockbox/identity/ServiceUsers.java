package org.lockbox.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Keystone users whose service tokens speak for a Lockbox service, read from entries such as
 * {@code cinder@Default=volume}. A user is named by id, or by name together with its domain, since a
 * user name is unique only within its domain:
 * <ul>
 * <li>{@code NAME@DOMAIN=SERVICE}: the user named NAME in the domain whose name or id is DOMAIN;</li>
 * <li>{@code USER=SERVICE}: the user whose id is USER, or the user named USER in Keystone's default
 * domain (id {@value #DEFAULT_DOMAIN_ID}).</li>
 * </ul>
 * A user name holding {@code @} must name its domain. An id match is preferred to a name match.
 */
final class ServiceUsers {

    /** The id of Keystone's default domain, the one a name without a domain belongs to. */
    static final String DEFAULT_DOMAIN_ID = "default";

    private record Entry(String user, String domain, String service) {
    }

    private final List<Entry> entries;

    private ServiceUsers(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The entries naming one of {@code services}; each other entry is reported to {@code ignored} and left out. */
    static ServiceUsers parse(List<String> entries, Collection<String> services, Consumer<String> ignored) {
        List<Entry> parsed = new ArrayList<>();
        for (String entry : entries) {
            int equals = entry.lastIndexOf('=');
            String user = equals < 0 ? "" : entry.substring(0, equals).trim();
            String service = equals < 0 ? "" : entry.substring(equals + 1).trim();
            int at = user.lastIndexOf('@');
            String domain = at < 0 ? null : user.substring(at + 1).trim();
            String name = at < 0 ? user : user.substring(0, at).trim();
            if (name.isEmpty() || "".equals(domain) || !services.contains(service)) {
                ignored.accept("Ignoring lockbox.service-token.services entry '" + entry
                        + "': it must be USER=SERVICE or NAME@DOMAIN=SERVICE with a service among " + services);
            } else {
                parsed.add(new Entry(name, domain, service));
            }
        }
        return new ServiceUsers(parsed);
    }

    /**
     * The Lockbox service a service token's user speaks for, if any. The name and domain are those
     * Keystone's validation answer gives; a token whose issuer does not say them is matched by id only.
     */
    Optional<String> serviceOf(String userId, String userName, String domainId, String domainName) {
        for (Entry entry : entries) {
            if (entry.domain() == null && entry.user().equals(userId)) {
                return Optional.of(entry.service());
            }
        }
        if (userName == null) {
            return Optional.empty();
        }
        for (Entry entry : entries) {
            if (!entry.user().equals(userName)) {
                continue;
            }
            boolean sameDomain = entry.domain() == null ? DEFAULT_DOMAIN_ID.equals(domainId)
                    : entry.domain().equals(domainId) || entry.domain().equals(domainName);
            if (sameDomain) {
                return Optional.of(entry.service());
            }
        }
        return Optional.empty();
    }
}
