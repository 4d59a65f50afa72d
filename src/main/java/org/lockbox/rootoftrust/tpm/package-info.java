/** Master keys sealed by a TPM 2.0 through TSS.Java: transports, policies, blob files, recovery shares, TPM-to-TPM transfer. */
package org.lockbox.rootoftrust.tpm;
