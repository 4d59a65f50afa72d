package org.lockbox.rootoftrust.tpm;

/**
 * One sealed master key as stored: the TPM2B_PUBLIC and TPM2B_PRIVATE halves (the files
 * tpm2-tools reads with tpm2_load -u/-r) and the policy it was sealed under.
 */
public record SealedBlob(String service, int version, SealingPolicy policy, byte[] publicArea,
                         byte[] privateArea) {

    @Override
    public String toString() {
        return service + " v" + version + " (" + policy + ")";
    }
}
