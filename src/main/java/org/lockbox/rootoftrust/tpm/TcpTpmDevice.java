package org.lockbox.rootoftrust.tpm;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

import tss.TpmDevice;

/**
 * A TPM reached over TCP with the TPM simulator's command protocol (what swtpm speaks on its
 * server port). Unlike TSS.Java's own TCP device it fails on a refused connection, writes each
 * command in one segment with Nagle off, and turns a silent TPM into a timeout instead of a hang.
 */
final class TcpTpmDevice extends TpmDevice {

    private static final int SEND_COMMAND = 8;
    private static final int SESSION_END = 20;

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;

    TcpTpmDevice(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public boolean connect() {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            return true;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("Cannot connect to the TPM at " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void dispatchCommand(byte[] command) {
        ByteBuffer frame = ByteBuffer.allocate(4 + 1 + 4 + command.length)
                .putInt(SEND_COMMAND).put((byte) 0).putInt(command.length).put(command);
        try {
            out.write(frame.array());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot send a command to the TPM at " + host + ":" + port, e);
        }
    }

    @Override
    public byte[] getResponse() {
        try {
            int length = in.readInt();
            if (length < 10 || length > 65_536) {
                throw new IOException("implausible response length " + length);
            }
            byte[] response = new byte[length];
            in.readFully(response);
            in.readInt();
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("No answer from the TPM at " + host + ":" + port + " within "
                    + timeoutMillis + " ms (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public boolean responseReady() {
        return true;
    }

    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        try {
            if (socket.isConnected() && !socket.isClosed()) {
                out.write(ByteBuffer.allocate(4).putInt(SESSION_END).array());
            }
        } catch (IOException ignored) {
            // Closing anyway.
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
        socket = null;
    }
}
