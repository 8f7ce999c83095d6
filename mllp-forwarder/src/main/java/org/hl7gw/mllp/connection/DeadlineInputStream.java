package org.hl7gw.mllp.connection;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket's input stream whose every read waits at most until a deadline: before each read the socket's
 * SO_TIMEOUT is set to the time left, so a deadline spans all the reads of one exchange.
 */
final class DeadlineInputStream extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private long deadlineNanos;
    private int currentTimeoutMillis = -1;

    DeadlineInputStream(Socket socket, InputStream in) {
        this.socket = socket;
        this.in = in;
    }

    void deadline(long nanoTime) {
        this.deadlineNanos = nanoTime;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        long millis = (left + 999_999) / 1_000_000;
        int timeout = (int) Math.min(Integer.MAX_VALUE, Math.max(1, millis));
        if (timeout != currentTimeoutMillis) {
            socket.setSoTimeout(timeout);
            currentTimeoutMillis = timeout;
        }
        return in.read(b, off, len);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
