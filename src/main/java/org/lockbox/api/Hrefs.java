package org.lockbox.api;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The base of absolute references, as Barbican returns them: the configured public URL or the request's own. */
@ApplicationScoped
public class Hrefs {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    @Inject
    @ConfigProperty(name = "lockbox.public-url")
    Optional<String> publicUrl;

    /** The base URL without a trailing slash, e.g. http://127.0.0.1:9311. */
    public String base(UriInfo uriInfo) {
        String base = publicUrl.filter(u -> !u.isBlank()).orElse(uriInfo.getBaseUri().toString());
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    static String time(OffsetDateTime time) {
        return time == null ? null : TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
