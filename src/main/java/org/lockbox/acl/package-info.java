/** Barbican's per-secret and per-container read access lists: who outside the project's roles may read. */
package org.lockbox.acl;
