package org.lockbox.api.container;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;


import org.lockbox.api.ApiException;
import org.lockbox.api.Hrefs;
import org.lockbox.container.SecretContainer;

/** Reads and validates container requests with Barbican's rules for each container type. */
final class ContainerRequests {

    /** For each typed container: the member names it requires, and those it also allows. */
    private static final Map<String, Set<String>> REQUIRED = Map.of(
            "rsa", Set.of("public_key", "private_key"),
            "certificate", Set.of("certificate"));
    private static final Map<String, Set<String>> OPTIONAL = Map.of(
            "rsa", Set.of("private_key_passphrase"),
            "certificate", Set.of("private_key", "private_key_passphrase", "intermediates"));
    static final Set<String> TYPES = Set.of("generic", "rsa", "certificate");

    private ContainerRequests() {
    }

    /** A validated request for a container. */
    record NewContainer(String name, String type, List<SecretContainer.SecretRef> secrets) {
    }

    static NewContainer newContainer(ContainersResource.NewContainerRequest body, String base) {
        String name = body.name();
        String type = body.type();
        if (type == null) {
            throw ApiException.badRequest("'type' is required: generic, rsa or certificate.");
        }
        type = type.toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw ApiException.badRequest("Unknown container 'type' '" + type + "'; expected generic, rsa or certificate.");
        }
        List<SecretContainer.SecretRef> refs = new ArrayList<>();
        if (body.secretRefs() != null) {
            for (ContainerView.SecretRefView ref : body.secretRefs()) {
                refs.add(member(ref, base));
            }
        }
        Set<String> names = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (SecretContainer.SecretRef ref : refs) {
            if (!names.add(ref.name() == null ? "" : ref.name())) {
                throw ApiException.badRequest("Duplicate reference names are not allowed.");
            }
            if (!ids.add(ref.secretId())) {
                throw ApiException.badRequest("Duplicate secret ids are not allowed.");
            }
        }
        if (REQUIRED.containsKey(type)) {
            Set<String> allowed = new HashSet<>(REQUIRED.get(type));
            allowed.addAll(OPTIONAL.get(type));
            if (!allowed.containsAll(names)) {
                throw ApiException.badRequest("Only " + String.join(", ", new java.util.TreeSet<>(allowed))
                        + " reference names are allowed for a " + type + " container.");
            }
            if (!names.containsAll(REQUIRED.get(type))) {
                throw ApiException.badRequest("A " + type + " container requires the reference names "
                        + String.join(" and ", new java.util.TreeSet<>(REQUIRED.get(type))) + ".");
            }
        }
        return new NewContainer(name, type, refs);
    }

    /** A {"name", "secret_ref"} object; the reference must point at this server (as Barbican checks). */
    static SecretContainer.SecretRef member(ContainerView.SecretRefView body, String base) {
        String name = body.name();
        String ref = body.secretRef();
        if (ref == null || ref.isEmpty()) {
            throw ApiException.badRequest("'secret_ref' is required.");
        }
        String id = Hrefs.secretId(base, ref);
        if (id == null) {
            throw ApiException.badRequest("'secret_ref' does not match this server's secret references ("
                    + base + "/v1/secrets/{id}).");
        }
        return new SecretContainer.SecretRef(name, id);
    }

    /** The consumer, once its name and URL are known to be given. */
    static ContainerConsumersResource.ConsumerRequest consumer(ContainerConsumersResource.ConsumerRequest body) {
        String name = body.name();
        String url = body.url();
        if (name == null || name.isEmpty() || url == null || url.isEmpty()) {
            throw ApiException.badRequest("'name' (1 to 36 characters) and 'URL' (1 to 255) are required strings.");
        }
        return body;
    }
}
