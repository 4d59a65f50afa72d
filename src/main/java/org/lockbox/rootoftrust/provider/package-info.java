/** Chooses the master-key provider that configuration names (TPM or software) and refuses unsafe production settings. */
package org.lockbox.rootoftrust.provider;
