package org.hl7gw.mllp;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7gw.mllp.connection.MllpEndpoint;
import org.hl7gw.mllp.connection.TlsSettings;
import org.hl7gw.mllp.frame.EndOfData;

/**
 * A receiver of messages and how to deliver to it. Validated when built; start from
 * {@link #of(String, MllpEndpoint)} (the defaults) and change what differs with the {@code with...} methods.
 *
 * @param id short name used in the ledger, logs and thread names: letters, digits, '.', '_' and '-'
 * @param endpoint {@code mllp://} or {@code mllps://} address
 * @param tls TLS settings, only for {@code mllps://} (empty: the JDK's default trust, host name verified)
 * @param connectTimeout bounds the TCP connect and the TLS handshake (default 10s)
 * @param ackTimeout bounds sending a message and reading its ACK (default 30s)
 * @param retry attempts and backoff
 * @param onReject after a REJECTED message (AR/CR): go on (default) or halt
 * @param onFailure after a FAILED message (attempts exhausted, unreadable body): halt (default) or go on
 * @param maxFrameLength longest ACK frame accepted from the receiver (default 1 MiB)
 * @param endOfData whether the receiver's frames must end with END_OF_DATA (default REQUIRED; some engines
 *     omit it and need OPTIONAL)
 */
public record Destination(String id, MllpEndpoint endpoint, Optional<TlsSettings> tls, Duration connectTimeout, Duration ackTimeout,
        RetryPolicy retry, HaltPolicy onReject, HaltPolicy onFailure, int maxFrameLength, EndOfData endOfData) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_FRAME_LENGTH = 1024 * 1024;
    /** Smallest accepted maxFrameLength: an ACK with a short MSA-3 fits easily. */
    public static final int MIN_MAX_FRAME_LENGTH = 256;
    /** Largest accepted maxFrameLength. */
    public static final int MAX_MAX_FRAME_LENGTH = 64 * 1024 * 1024;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    public Destination {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(onReject, "onReject");
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(endOfData, "endOfData");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("destination id '" + id + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (tls.isPresent() && !endpoint.tls()) {
            throw new IllegalArgumentException("destination " + id + ": TLS settings are given but the endpoint " + endpoint
                    + " is plain MLLP (write mllps://)");
        }
        checkTimeout(id, "connectTimeout", connectTimeout);
        checkTimeout(id, "ackTimeout", ackTimeout);
        if (maxFrameLength < MIN_MAX_FRAME_LENGTH || maxFrameLength > MAX_MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("destination " + id + ": maxFrameLength must be between " + MIN_MAX_FRAME_LENGTH + " and "
                    + MAX_MAX_FRAME_LENGTH + " bytes, got " + maxFrameLength);
        }
    }

    private static void checkTimeout(String id, String name, Duration d) {
        if (d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("destination " + id + ": " + name + " must be positive and at most 1h, got " + d);
        }
    }

    /** A destination with every default: no TLS settings, 10s connect, 30s ACK, 5 attempts, reject → continue, failure → halt. */
    public static Destination of(String id, MllpEndpoint endpoint) {
        return new Destination(id, endpoint, Optional.empty(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_ACK_TIMEOUT, RetryPolicy.DEFAULT,
                HaltPolicy.CONTINUE, HaltPolicy.HALT, DEFAULT_MAX_FRAME_LENGTH, EndOfData.REQUIRED);
    }

    public Destination withTls(TlsSettings settings) {
        return new Destination(id, endpoint, Optional.of(settings), connectTimeout, ackTimeout, retry, onReject, onFailure, maxFrameLength, endOfData);
    }

    public Destination withConnectTimeout(Duration d) {
        return new Destination(id, endpoint, tls, d, ackTimeout, retry, onReject, onFailure, maxFrameLength, endOfData);
    }

    public Destination withAckTimeout(Duration d) {
        return new Destination(id, endpoint, tls, connectTimeout, d, retry, onReject, onFailure, maxFrameLength, endOfData);
    }

    public Destination withRetry(RetryPolicy r) {
        return new Destination(id, endpoint, tls, connectTimeout, ackTimeout, r, onReject, onFailure, maxFrameLength, endOfData);
    }

    public Destination withOnReject(HaltPolicy p) {
        return new Destination(id, endpoint, tls, connectTimeout, ackTimeout, retry, p, onFailure, maxFrameLength, endOfData);
    }

    public Destination withOnFailure(HaltPolicy p) {
        return new Destination(id, endpoint, tls, connectTimeout, ackTimeout, retry, onReject, p, maxFrameLength, endOfData);
    }

    public Destination withMaxFrameLength(int n) {
        return new Destination(id, endpoint, tls, connectTimeout, ackTimeout, retry, onReject, onFailure, n, endOfData);
    }

    public Destination withEndOfData(EndOfData e) {
        return new Destination(id, endpoint, tls, connectTimeout, ackTimeout, retry, onReject, onFailure, maxFrameLength, e);
    }
}
