/** Grants a project gives to services and delegates (write-only, per-key read), and the trusts seen in force. */
package org.lockbox.access;
