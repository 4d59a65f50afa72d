/** The Barbican-compatible HTTP API: JAX-RS resources, request and response records, error mapping. */
package org.lockbox.api;
