package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.util.Base64;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/**
 * Arquillian deploys the built WAR a second time, under its own context root (as behind a
 * path-based proxy), into the running server: it starts, shares the database and master keys,
 * and every reference it returns carries its own base. It runs in a failsafe execution of its own
 * (see the pom): undeploying the copy makes Liberty drop the application metrics both copies
 * registered, which MetricsIT counts.
 */
@ExtendWith(ArquillianExtension.class)
class RelocatedDeploymentIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive relocatedLockbox() {
        return ShrinkWrap.create(ZipImporter.class, "lockbox-relocated.war")
                .importFrom(new File(System.getProperty("lockbox.war", "target/lockbox.war")))
                .as(WebArchive.class);
    }

    @Test
    void servesTheApiUnderItsOwnContextRootWithReferencesThatPointBackToIt() {
        assertTrue(base.getPath().contains("lockbox-relocated"), base.toString());
        String token = Tokens.token("alice", Tokens.newProject(), "creator");
        byte[] key = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

        Reply created = Lockbox.send(HttpRequest.newBuilder(URI.create(base + "v1/secrets"))
                .header("X-Auth-Token", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"payload\":\"" + Base64.getEncoder().encodeToString(key)
                        + "\",\"payload_content_type\":\"application/octet-stream\",\"payload_content_encoding\":\"base64\"}")));
        assertEquals(201, created.status(), created.toString());
        String ref = created.json().getString("secret_ref");
        assertTrue(ref.contains("/lockbox-relocated/v1/secrets/"), ref);

        Reply payload = Lockbox.send(HttpRequest.newBuilder(URI.create(ref + "/payload"))
                .header("X-Auth-Token", token).GET());
        assertEquals(200, payload.status(), payload.toString());
        assertArrayEquals(key, payload.body());

        Reply viaMainDeployment = Lockbox.get("/v1/secrets/" + created.refId("secret_ref") + "/payload", token);
        assertArrayEquals(key, viaMainDeployment.body(), "both deployments share one database and one key hierarchy");
    }
}
