package org.hl7gw.mllp.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hl7gw.mllp.Destination;
import org.hl7gw.mllp.Lane;
import org.hl7gw.mllp.LaneOptions;
import org.hl7gw.mllp.connection.MllpEndpoint;
import org.hl7gw.testkit.mllp.SyntheticMessages;

/** What lane tests share: an in-memory ledger, a recording sleeper, synthetic messages, lanes to stop. */
public final class LaneFixture implements AutoCloseable {
    public static final String DESTINATION = "his";

    public final InMemoryLedger ledger = new InMemoryLedger();
    public final RecordingSleeper sleeper = new RecordingSleeper();
    private final SyntheticMessages generator = new SyntheticMessages(20240101);
    private final List<Lane> lanes = new ArrayList<>();

    /** n messages whose control IDs are prefix-1 .. prefix-n. */
    public List<byte[]> messages(String prefix, int n) {
        List<byte[]> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(generator.adtA01(prefix + "-" + i, 900));
        }
        return list;
    }

    /** Queues a file of n messages (control IDs prefix-1..n) for the destination; returns their ids. */
    public List<Long> queueFile(String prefix, int n) {
        return ledger.addFile(DESTINATION, messages(prefix, n));
    }

    public static Destination plain(int port) {
        return Destination.of(DESTINATION, new MllpEndpoint("127.0.0.1", port, false)).withAckTimeout(Duration.ofSeconds(5))
                .withConnectTimeout(Duration.ofSeconds(5));
    }

    public Lane lane(Destination destination) {
        return lane(destination, LaneOptions.defaults().withSleeper(sleeper).withPollInterval(Duration.ofMillis(100)));
    }

    public Lane lane(Destination destination, LaneOptions options) {
        Lane lane = new Lane(destination, ledger, ledger, ledger, options);
        lanes.add(lane);
        return lane;
    }

    @Override
    public void close() {
        for (Lane lane : lanes) {
            lane.stop(Duration.ofSeconds(10));
        }
    }
}
