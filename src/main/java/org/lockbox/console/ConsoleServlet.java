package org.lockbox.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the admin console's static files (HTML, CSS, ES modules, images) from the WAR's /console
 * folder. The JAX-RS application is mapped to the root (Barbican's /v1 and version discovery live
 * there), so this servlet's more specific mapping is what reaches the files. Every answer carries a
 * Content-Security-Policy that allows only this origin's own scripts, styles and API, no inline
 * script, no framing; errors are JSON like the API's.
 */
@WebServlet(name = "console", urlPatterns = {"/console", "/console/*"})
public class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json");

    /** Only plain file names under /console: no dot segments, no hidden files, no encoded tricks. */
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, jakarta.servlet.ServletException {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            securityHeaders(response);
            response.setHeader("Allow", "GET, HEAD");
            error(response, 405, "Method Not Allowed", "The console's files are read with GET.");
            return;
        }
        super.service(request, response);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean withBody) throws IOException {
        securityHeaders(response);
        String path = request.getPathInfo();
        if (path == null) {
            // /console itself: the app lives at /console/ so its relative module paths resolve.
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", request.getContextPath().replaceAll("/$", "") + "/console/");
            return;
        }
        if ("/".equals(path)) {
            path = "/index.html";
        }
        String type = SAFE_PATH.matcher(path).matches() ? CONTENT_TYPES.get(extension(path)) : null;
        InputStream file = type == null ? null : getServletContext().getResourceAsStream("/console" + path);
        if (file == null) {
            error(response, 404, "Not Found", "The console has no such file.");
            return;
        }
        try (InputStream in = file) {
            response.setStatus(200);
            response.setContentType(type);
            response.setHeader("Cache-Control", "no-cache");
            if (withBody) {
                OutputStream out = response.getOutputStream();
                in.transferTo(out);
            }
        }
    }

    static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    }

    private static void error(HttpServletResponse response, int status, String title, String description)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        byte[] body = ("{\"code\":" + status + ",\"title\":\"" + title + "\",\"description\":\"" + description + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
