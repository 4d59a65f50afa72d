package org.lockbox.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The Barbican v1 API and Lockbox's extensions, served from the server's root. */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "Lockbox", version = "1.0",
        description = "Key manager for cloud storage encryption, compatible with the OpenStack Barbican v1 API"))
public class LockboxApplication extends Application {
}
