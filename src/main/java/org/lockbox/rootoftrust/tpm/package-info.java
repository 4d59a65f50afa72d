/** Master keys sealed by a TPM 2.0 through TSS.Java: transports, sealing policies, blob files, recovery shares. */
package org.lockbox.rootoftrust.tpm;
