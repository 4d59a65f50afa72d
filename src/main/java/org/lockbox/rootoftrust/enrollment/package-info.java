/** Sibling replicas enrolled TPM to TPM: their registry, approval, transfer blobs, sending and joining. */
package org.lockbox.rootoftrust.enrollment;
