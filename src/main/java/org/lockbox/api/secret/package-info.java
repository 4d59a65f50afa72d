/** Secrets, their payloads, metadata, consumers, clones, key groups and pending deletions over HTTP. */
package org.lockbox.api.secret;
