package org.lockbox.rootoftrust.tpm;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.util.Arrays;

import tss.TpmDevice;

/** A TPM character device such as /dev/tpmrm0 (the kernel's resource manager): one command, one response. */
final class DeviceFileTpm extends TpmDevice {

    private final String path;
    private RandomAccessFile device;
    private byte[] response;

    DeviceFileTpm(String path) {
        this.path = path;
    }

    @Override
    public boolean connect() {
        try {
            device = new RandomAccessFile(path, "rw");
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the TPM device " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void dispatchCommand(byte[] command) {
        try {
            device.write(command);
            byte[] buffer = new byte[8192];
            int length = device.read(buffer);
            if (length < 10) {
                throw new IOException("short response");
            }
            response = Arrays.copyOf(buffer, length);
        } catch (IOException e) {
            throw new UncheckedIOException("TPM device " + path + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] getResponse() {
        return response;
    }

    @Override
    public boolean responseReady() {
        return response != null;
    }

    @Override
    public void close() {
        try {
            if (device != null) {
                device.close();
            }
        } catch (IOException ignored) {
            // Nothing left to release.
        }
        device = null;
    }
}
