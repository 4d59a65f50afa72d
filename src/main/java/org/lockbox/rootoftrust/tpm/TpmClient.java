package org.lockbox.rootoftrust.tpm;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.lockbox.rootoftrust.SealingException;

import tss.Tpm;
import tss.TpmDevice;
import tss.TpmException;
import tss.tpm.CreatePrimaryResponse;
import tss.tpm.CreateResponse;
import tss.tpm.GetCapabilityResponse;
import tss.tpm.StartAuthSessionResponse;
import tss.tpm.TPM2B_DIGEST;
import tss.tpm.TPM2B_DIGEST_KEYEDHASH;
import tss.tpm.TPM2B_PRIVATE;
import tss.tpm.TPM2B_PUBLIC;
import tss.tpm.TPMA_OBJECT;
import tss.tpm.TPML_HANDLE;
import tss.tpm.TPMS_ECC_PARMS;
import tss.tpm.TPMS_ECC_POINT;
import tss.tpm.TPMS_KEYEDHASH_PARMS;
import tss.tpm.TPMS_NULL_ASYM_SCHEME;
import tss.tpm.TPMS_NULL_KDF_SCHEME;
import tss.tpm.TPMS_NULL_SCHEME_KEYEDHASH;
import tss.tpm.TPMS_PCR_SELECTION;
import tss.tpm.TPMS_SENSITIVE_CREATE;
import tss.tpm.TPMT_HA;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPMT_SYM_DEF;
import tss.tpm.TPMT_SYM_DEF_OBJECT;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_CAP;
import tss.tpm.TPM_ECC_CURVE;
import tss.tpm.TPM_HANDLE;
import tss.tpm.TPM_RC;
import tss.tpm.TPM_RH;
import tss.tpm.TPM_SE;
import tss.tpm.TPM_SU;

/**
 * One connection to a TPM 2.0 and the few commands Lockbox needs: seal and unseal 32-byte master
 * keys under the owner hierarchy's storage primary key, with a PCR or authorization policy. Every
 * command runs with a deadline; transient objects are flushed after use and at connection.
 */
public final class TpmClient implements AutoCloseable {

    private static final int TRANSIENT_FIRST = 0x80000000;
    private static final TPM_ALG_ID BANK = TPM_ALG_ID.SHA256;

    private final TpmSettings settings;
    private final TpmDevice device;
    private final Tpm tpm;
    private final ExecutorService worker;

    private TpmClient(TpmSettings settings, TpmDevice device) {
        this.settings = settings;
        this.device = device;
        this.tpm = new Tpm();
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "lockbox-tpm");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Connects, starts the TPM if it needs it and flushes transient objects left by crashed clients. */
    public static TpmClient connect(TpmSettings settings) throws SealingException {
        TpmDevice device = settings.mode() == TpmSettings.Mode.TCP
                ? new TcpTpmDevice(settings.host(), settings.port(), settings.timeoutMillis())
                : new DeviceFileTpm(settings.devicePath());
        TpmClient client = new TpmClient(settings, device);
        try {
            client.call("connect", () -> {
                device.connect();
                client.tpm._setDevice(device);
                client.tpm._allowErrors().Startup(TPM_SU.CLEAR);
                TPM_RC rc = client.tpm._getLastResponseCode();
                if (rc != null && rc.toInt() != TPM_RC.SUCCESS.toInt() && rc.toInt() != TPM_RC.INITIALIZE.toInt()) {
                    throw new SealingException("TPM startup failed with " + rc);
                }
                client.flushTransients();
                return null;
            });
            return client;
        } catch (SealingException e) {
            client.close();
            throw e;
        }
    }

    /** Seals a secret to the policy; with a PCR policy, to the PCRs' current values unless given others. */
    public SealedBlob seal(String service, int version, byte[] secret, SealingPolicy policy, byte[] expectedPcrDigest)
            throws SealingException {
        return call("seal", () -> {
            TPM_HANDLE primary = createPrimary();
            try {
                boolean auth = policy.kind() == SealingPolicy.Kind.AUTH;
                byte[] authPolicy = auth ? new byte[0] : pcrPolicyDigest(policy.pcrs(),
                        expectedPcrDigest != null ? expectedPcrDigest : readPcrDigest(policy.pcrs()));
                TPMA_OBJECT attributes = auth
                        ? new TPMA_OBJECT(TPMA_OBJECT.fixedTPM, TPMA_OBJECT.fixedParent, TPMA_OBJECT.noDA,
                        TPMA_OBJECT.userWithAuth)
                        : new TPMA_OBJECT(TPMA_OBJECT.fixedTPM, TPMA_OBJECT.fixedParent, TPMA_OBJECT.noDA);
                TPMT_PUBLIC template = new TPMT_PUBLIC(TPM_ALG_ID.SHA256, attributes, authPolicy,
                        new TPMS_KEYEDHASH_PARMS(new TPMS_NULL_SCHEME_KEYEDHASH()),
                        new TPM2B_DIGEST_KEYEDHASH(new byte[0]));
                CreateResponse created = tpm.Create(primary,
                        new TPMS_SENSITIVE_CREATE(auth ? settings.authValue() : new byte[0], secret),
                        template, new byte[0], new TPMS_PCR_SELECTION[0]);
                return new SealedBlob(service, version, policy, new TPM2B_PUBLIC(created.outPublic).toTpm(),
                        created.outPrivate.toTpm());
            } finally {
                flush(primary);
            }
        });
    }

    /** Unseals a blob; the TPM releases it only if its policy is satisfied now. */
    public byte[] unseal(SealedBlob blob) throws SealingException {
        return call("unseal " + blob, () -> {
            TPM_HANDLE primary = createPrimary();
            TPM_HANDLE loaded = null;
            TPM_HANDLE session = null;
            try {
                loaded = tpm.Load(primary, TPM2B_PRIVATE.fromTpm(blob.privateArea()),
                        TPM2B_PUBLIC.fromTpm(blob.publicArea()).publicArea);
                if (blob.policy().kind() == SealingPolicy.Kind.AUTH) {
                    loaded.AuthValue = settings.authValue();
                    return tpm.Unseal(loaded);
                }
                session = startSession(TPM_SE.POLICY);
                tpm.PolicyPCR(session, new byte[0], selection(blob.policy().pcrs()));
                return tpm._withSession(session).Unseal(loaded);
            } finally {
                flush(session);
                flush(loaded);
                flush(primary);
            }
        });
    }

    /**
     * Whether the TPM would release a blob now, checked without unsealing it: the policy digest of
     * the PCRs' current values compared with the one the blob was sealed to. Always true for an
     * authorization-value policy (only an unseal tells whether the value is right).
     */
    public boolean policyHolds(SealedBlob blob) throws SealingException {
        if (blob.policy().kind() == SealingPolicy.Kind.AUTH) {
            return true;
        }
        return call("check the policy of " + blob, () -> {
            byte[] sealedTo = TPM2B_PUBLIC.fromTpm(blob.publicArea()).publicArea.authPolicy;
            List<Integer> pcrs = blob.policy().pcrs();
            return Arrays.equals(sealedTo, pcrPolicyDigest(pcrs, readPcrDigest(pcrs)));
        });
    }

    /** SHA-256 over the current values of the PCRs, in order: what a PCR policy binds to. */
    public byte[] pcrDigest(List<Integer> pcrs) throws SealingException {
        return call("read PCRs", () -> readPcrDigest(pcrs));
    }

    /** The current value of one PCR in the sha256 bank. */
    public byte[] pcrValue(int pcr) throws SealingException {
        return call("read PCR " + pcr, () -> tpm.PCR_Read(selection(List.of(pcr))).pcrValues[0].buffer);
    }

    /** TPM work that needs the raw command interface (for example, receiving a transferred key). */
    interface TpmWork<T> {
        T run(Tpm tpm) throws Exception;
    }

    /** Runs work on this connection's TPM with the same deadline and error reporting as its own commands. */
    <T> T withTpm(String what, TpmWork<T> work) throws SealingException {
        return call(what, () -> work.run(tpm));
    }

    private byte[] readPcrDigest(List<Integer> pcrs) {
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        for (int pcr : pcrs.stream().sorted().toList()) {
            TPM2B_DIGEST[] read = tpm.PCR_Read(selection(List.of(pcr))).pcrValues;
            values.writeBytes(read[0].buffer);
        }
        return sha256(values.toByteArray());
    }

    /** Extends a PCR (for tests and drills: it changes the platform state a PCR policy sees). */
    public void extendPcr(int pcr, byte[] measurement) throws SealingException {
        call("extend PCR " + pcr, () -> {
            tpm.PCR_Extend(TPM_HANDLE.pcr(pcr), new TPMT_HA[] {new TPMT_HA(BANK, sha256(measurement))});
            return null;
        });
    }

    /** Random bytes from the TPM's own generator. */
    public byte[] random(int length) throws SealingException {
        return call("get random", () -> tpm.GetRandom(length));
    }

    private TPM_HANDLE createPrimary() {
        TPMT_PUBLIC template = new TPMT_PUBLIC(TPM_ALG_ID.SHA256,
                new TPMA_OBJECT(TPMA_OBJECT.restricted, TPMA_OBJECT.decrypt, TPMA_OBJECT.fixedTPM,
                        TPMA_OBJECT.fixedParent, TPMA_OBJECT.sensitiveDataOrigin, TPMA_OBJECT.userWithAuth,
                        TPMA_OBJECT.noDA),
                new byte[0],
                new TPMS_ECC_PARMS(new TPMT_SYM_DEF_OBJECT(TPM_ALG_ID.AES, 128, TPM_ALG_ID.CFB),
                        new TPMS_NULL_ASYM_SCHEME(), TPM_ECC_CURVE.NIST_P256, new TPMS_NULL_KDF_SCHEME()),
                new TPMS_ECC_POINT(new byte[0], new byte[0]));
        CreatePrimaryResponse primary = tpm.CreatePrimary(TPM_HANDLE.from(TPM_RH.OWNER),
                new TPMS_SENSITIVE_CREATE(new byte[0], new byte[0]), template, new byte[0],
                new TPMS_PCR_SELECTION[0]);
        return primary.handle;
    }

    /** The policy digest of PolicyPCR over the given PCR digest, computed by the TPM in a trial session. */
    private byte[] pcrPolicyDigest(List<Integer> pcrs, byte[] pcrDigest) {
        TPM_HANDLE trial = startSession(TPM_SE.TRIAL);
        try {
            tpm.PolicyPCR(trial, pcrDigest, selection(pcrs));
            return tpm.PolicyGetDigest(trial);
        } finally {
            flush(trial);
        }
    }

    private TPM_HANDLE startSession(TPM_SE type) {
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        StartAuthSessionResponse session = tpm.StartAuthSession(TPM_HANDLE.NULL, TPM_HANDLE.NULL, nonce,
                new byte[0], type, new TPMT_SYM_DEF(TPM_ALG_ID.NULL, 0, TPM_ALG_ID.NULL), TPM_ALG_ID.SHA256);
        return session.handle;
    }

    private static TPMS_PCR_SELECTION[] selection(List<Integer> pcrs) {
        return new TPMS_PCR_SELECTION[] {new TPMS_PCR_SELECTION(BANK, pcrs.stream().mapToInt(Integer::intValue).toArray())};
    }

    private void flushTransients() {
        GetCapabilityResponse handles = tpm.GetCapability(TPM_CAP.HANDLES, TRANSIENT_FIRST, 64);
        for (TPM_HANDLE handle : ((TPML_HANDLE) handles.capabilityData).handle) {
            if (handle.handle >>> 24 == TRANSIENT_FIRST >>> 24) {
                flush(handle);
            }
        }
    }

    private void flush(TPM_HANDLE handle) {
        if (handle != null) {
            tpm._allowErrors().FlushContext(handle);
        }
    }

    /**
     * Runs TPM work with the configured deadline and turns TPM errors into what an operator can act
     * on. Work submitted here must not call other public methods of this class (one worker thread).
     */
    private <T> T call(String what, Callable<T> work) throws SealingException {
        Future<T> result = worker.submit(work);
        try {
            return result.get(settings.timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            device.close();
            throw new SealingException("The " + settings.describe() + " did not answer within "
                    + settings.timeoutMillis() + " ms (" + what + "). Check that the TPM is available.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SealingException("Interrupted while waiting for the TPM (" + what + ")");
        } catch (ExecutionException e) {
            throw explain(what, e.getCause());
        }
    }

    private SealingException explain(String what, Throwable cause) {
        if (cause instanceof SealingException sealing) {
            return sealing;
        }
        if (cause instanceof TpmException tpmError && tpmError.ResponseCode != null) {
            int rc = tpmError.ResponseCode.toInt();
            String meaning;
            if (rc == TPM_RC.POLICY_FAIL.toInt()) {
                meaning = "the platform state (PCR values) does not match the policy the key was sealed to."
                        + " If the change is expected (firmware or boot update), restore the key from recovery"
                        + " shares or re-seal it on the previous state; otherwise investigate the platform";
            } else if (rc == TPM_RC.AUTH_FAIL.toInt() || rc == TPM_RC.BAD_AUTH.toInt()) {
                meaning = "the authorization value is wrong (LOCKBOX_TPM_AUTH)";
            } else if (rc == TPM_RC.INTEGRITY.toInt()) {
                meaning = "the sealed blob is corrupt or was sealed by another TPM";
            } else {
                meaning = "the TPM answered " + tpmError.ResponseCode;
            }
            return new SealingException("Cannot " + what + ": " + meaning);
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new SealingException("Cannot " + what + " with the " + settings.describe() + ": " + message, cause);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        device.close();
    }
}
