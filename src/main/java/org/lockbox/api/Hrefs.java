package org.lockbox.api;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The base of absolute references, as Barbican returns them: the configured public URL or the request's own. */
@ApplicationScoped
public class Hrefs {

    @Inject
    @ConfigProperty(name = "lockbox.public-url")
    Optional<String> publicUrl;

    /** The base URL without a trailing slash, e.g. http://127.0.0.1:9311. */
    public String base(UriInfo uriInfo) {
        String base = publicUrl.filter(u -> !u.isBlank()).orElse(uriInfo.getBaseUri().toString());
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public static String secret(String base, String id) {
        return base + "/v1/secrets/" + id;
    }

    public static String order(String base, String id) {
        return base + "/v1/orders/" + id;
    }

    public static String container(String base, String id) {
        return base + "/v1/containers/" + id;
    }

    public static String containerConsumers(String base, String id) {
        return container(base, id) + "/consumers";
    }

    public static String secretConsumers(String base, String id) {
        return secret(base, id) + "/consumers";
    }

    public static String secretStore(String base, String id) {
        return base + "/v1/secret-stores/" + id;
    }

    /** The secret id at the end of a reference to a secret of this server, or null if it is not one. */
    public static String secretId(String base, String ref) {
        String prefix = base + "/v1/secrets/";
        if (ref == null || !ref.startsWith(prefix)) {
            return null;
        }
        String id = ref.substring(prefix.length());
        id = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
        return id.isEmpty() || id.contains("/") || id.contains("?") || id.length() > 36 ? null : id;
    }

    public static String rotation(String base, String id) {
        return base + "/v1/lockbox/rotations/" + id;
    }

    public static String group(String base, String id) {
        return base + "/v1/lockbox/groups/" + id;
    }

    public static String masterKey(String base, String service) {
        return base + "/v1/lockbox/master-keys/" + service;
    }
}
