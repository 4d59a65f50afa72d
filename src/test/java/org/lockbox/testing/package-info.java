/** What the integration tests share: an HTTP client for the running server, token minting and direct database access. */
package org.lockbox.testing;
