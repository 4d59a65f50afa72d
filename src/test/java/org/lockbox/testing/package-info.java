/** What the tests share: an HTTP client for the running server, token minting, direct database access and sweep leases. */
package org.lockbox.testing;
