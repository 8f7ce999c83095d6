package org.hl7gw.core.delivery;

/**
 * A place in a lane's delivery order: files in the order they were received (ledger file id), messages in
 * file order. {@link #START} comes before every message.
 */
public record QueuePosition(long fileId, int seq) implements Comparable<QueuePosition> {
    public static final QueuePosition START = new QueuePosition(0, 0);

    @Override
    public int compareTo(QueuePosition o) {
        int c = Long.compare(fileId, o.fileId);
        return c != 0 ? c : Integer.compare(seq, o.seq);
    }

    public boolean isAfter(QueuePosition o) {
        return compareTo(o) > 0;
    }
}
