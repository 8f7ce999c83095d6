package org.hl7gw.mllp;

/**
 * What one {@link Lane#drain()} did.
 *
 * @param delivered messages DELIVERED by this drain
 * @param rejected messages REJECTED
 * @param failed messages FAILED
 * @param attempts attempts made
 * @param end why the drain returned
 * @param haltReason why the lane is halted (null unless {@code end} is HALTED)
 */
public record LaneReport(long delivered, long rejected, long failed, long attempts, End end, String haltReason) {

    /** Why a drain returned. */
    public enum End {
        /** Nothing is pending for the destination any more. */
        QUEUE_EMPTY,
        /** The lane halted (or was already halted); the rest stays pending. */
        HALTED,
        /** {@link Lane#stop} was called (or the thread was interrupted). */
        STOPPED
    }

    public boolean halted() {
        return end == End.HALTED;
    }
}
