package org.hl7gw.mllp;

/** What a lane is doing. */
public enum LaneState {
    /** Nothing to send: waiting for {@link Lane#wake()} or the poll interval. */
    IDLE,
    /** Connecting, sending or waiting for an ACK. */
    SENDING,
    /** Waiting before the next attempt of a message. */
    BACKOFF,
    /** Stopped by its halt policy (or a halt recorded in the ledger) until {@link Lane#resume()}. */
    HALTED,
    /** Stopped by {@link Lane#stop}, or by an error of the ledger (see the status's reason). */
    STOPPED
}
