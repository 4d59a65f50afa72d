package org.lockbox.api;

import java.io.IOException;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * In production, every HTTPS answer of the application (API and console) carries HSTS, so a
 * browser that has once reached Lockbox over HTTPS never falls back to plain HTTP.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class StrictTransportSecurity extends HttpFilter {

    /** One year, the value browsers' preload lists ask for. */
    static final String HEADER_VALUE = "max-age=31536000";

    @Inject
    @ConfigProperty(name = "lockbox.profile")
    String profile;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.isSecure() && !"development".equals(profile.trim().toLowerCase(Locale.ROOT))) {
            response.setHeader("Strict-Transport-Security", HEADER_VALUE);
        }
        chain.doFilter(request, response);
    }
}
