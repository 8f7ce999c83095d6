package org.hl7gw.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point of {@code ./benchmark.sh NAME [options]}: every benchmark reports its figures as ratios against a
 * baseline measured in the same run, on the same machine.
 */
public final class Benchmarks {
    private interface Bench {
        void run(String[] args) throws Exception;
    }

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Bench> all = new LinkedHashMap<>();
        all.put("splitter", org.hl7gw.bench.splitter.SplitterBenchmark::main);
        all.put("send", org.hl7gw.bench.send.SendBenchmark::main);
        all.put("lane", org.hl7gw.bench.mllp.MllpLaneBenchmark::main);
        all.put("pgp", org.hl7gw.bench.pgp.PgpDecryptBenchmark::main);
        all.put("intake", org.hl7gw.bench.intake.IntakeBenchmark::main);
        all.put("poller", org.hl7gw.bench.poller.PollerBenchmark::main);
        if (args.length == 0 || !all.containsKey(args[0])) {
            System.err.println("usage: benchmark.sh NAME [options]   where NAME is one of " + all.keySet());
            System.exit(2);
        }
        all.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length));
    }
}
