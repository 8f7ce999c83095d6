package org.hl7gw.bench.intake;

import static org.hl7gw.bench.Stats.f;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.hl7gw.bench.Stats;
import org.hl7gw.gateway.config.ConfigLoader;
import org.hl7gw.gateway.service.GatewayService;
import org.hl7gw.sftp.PartnerSftpServer;
import org.hl7gw.sftp.SftpServerSettings;

/**
 * Partner intake: (1) the time from an SFTP upload's close to its first message on the wire, median and 95th
 * percentile over 50 uploads, against the upload's own duration measured in the same run; (2) files per second
 * with 10 partners uploading 1-message files at once, against the same clients uploading to the same SFTP
 * server with nothing behind it (the transport's ceiling).
 *
 * <pre>
 *   ./benchmark.sh intake [--uploads 50] [--files-per-partner 20]
 * </pre>
 */
public final class IntakeBenchmark {
    private IntakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int uploads = 50;
        int perPartner = 20;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--uploads" -> uploads = Integer.parseInt(args[++i]);
                case "--files-per-partner" -> perPartner = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("hl7gw-bench-intake");
        List<KeyPair> keys = new ArrayList<>();
        StringBuilder partners = new StringBuilder();
        for (int p = 1; p <= 10; p++) {
            KeyPair k = KeyUtils.generateKeyPair("ssh-ed25519", 256);
            keys.add(k);
            Files.writeString(dir.resolve("p" + p + ".pub"), PublicKeyEntry.toString(k.getPublic()) + "\n");
            partners.append("  - { id: p").append(p).append(", authorizedKeys: ./p").append(p).append(".pub, destination: lis }\n");
        }
        try (ArrivalRecorder receiver = new ArrivalRecorder(); SshClient client = SshClient.setUpDefaultClient()) {
            client.start();
            Path config = Files.writeString(dir.resolve("gateway.yaml"), """
                    dataDir: ./data
                    servers:
                      sftp: { listen: 127.0.0.1:0 }
                    destinations:
                      - { id: lis, url: "mllp://127.0.0.1:%d" }
                    partners:
                    %s""".formatted(receiver.port(), partners));
            GatewayService gw = new GatewayService(new ConfigLoader().load(config), Clock.systemUTC());
            gw.start(new PrintStream(OutputStream.nullOutputStream()));
            try {
                int port = gw.sftpPort().orElseThrow();
                // warm-up
                latency(client, port, keys.get(0), receiver, 10, "W");
                double[][] l = latency(client, port, keys.get(0), receiver, uploads, "L");
                double[] lat = l[0];
                double[] up = l[1];
                System.out.println(f("upload close -> first message on the wire, %d uploads: median %.1f ms, p95 %.1f ms", uploads,
                        Stats.median(lat), Stats.percentile(lat, 95)));
                System.out.println(f("the SFTP upload itself (open, write, close): median %.1f ms, p95 %.1f ms", Stats.median(up),
                        Stats.percentile(up, 95)));

                double gateway = throughput(client, port, keys, receiver, perPartner, "T");
                System.out.println(f("10 partners x %d one-message files at once through the gateway: %.1f files/s (until the last message was on the wire)",
                        perPartner, gateway));
                gw.close();

                // baseline: the same uploads to the same SFTP server with nothing behind it
                AtomicInteger done = new AtomicInteger();
                Path homes = Files.createDirectories(dir.resolve("bare"));
                org.hl7gw.core.partner.PartnerDirectory directory = new org.hl7gw.gateway.partners.ConfiguredPartners(
                        new ConfigLoader().load(config).partners().stream().map(p -> new org.hl7gw.gateway.config.PartnerConfig(
                                new org.hl7gw.core.partner.PartnerAccount(p.id(), p.account().login(), homes.resolve(p.id()).toAbsolutePath()),
                                p.authorizedKeys(), p.passwordHash(), p.files(), p.opener(), p.splitter(), p.destination(), p.results())).toList());
                try (PartnerSftpServer bare = new PartnerSftpServer(SftpServerSettings.of("127.0.0.1", 0, List.of(dir.resolve("bare_host_key"))),
                        directory, (account, file, protocol) -> done.incrementAndGet())) {
                    bare.start();
                    double baseline = bareThroughput(client, bare.port(), keys, perPartner, done);
                    System.out.println(f("the same uploads to the same SFTP server with nothing behind it: %.1f files/s", baseline));
                    System.out.println(f("RESULT intake: upload close -> first message median %.1f ms, p95 %.1f ms (= %.2f and %.2f of the upload's own "
                            + "time); %.1f files/s with 10 partners = %.2f of the bare SFTP server's %.1f files/s", Stats.median(lat),
                            Stats.percentile(lat, 95), Stats.median(lat) / Stats.median(up), Stats.percentile(lat, 95) / Stats.percentile(up, 95),
                            gateway, gateway / baseline, baseline));
                }
            } finally {
                gw.close();
            }
        }
    }

    private static ClientSession session(SshClient client, int port, String login, KeyPair key) throws Exception {
        ClientSession s = client.connect(login, "127.0.0.1", port).verify(Duration.ofSeconds(10)).getSession();
        s.addPublicKeyIdentity(key);
        s.auth().verify(Duration.ofSeconds(10));
        return s;
    }

    private static byte[] message(String id) {
        return ("MSH|^~\\&|LAB|ACME|GW|HOSP|20261122||ORU^R01|" + id + "|P|2.5.1\rPID|1||123^^^ACME^MR||DOE^JANE\rOBX|1|NM|718-7||13.2|g/dL\r")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Returns {latencies ms, upload durations ms}. */
    private static double[][] latency(SshClient client, int port, KeyPair key, ArrivalRecorder receiver, int n, String prefix) throws Exception {
        double[] lat = new double[n];
        double[] up = new double[n];
        try (ClientSession s = session(client, port, "p1", key); SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            for (int i = 0; i < n; i++) {
                String id = prefix + System.nanoTime();
                long t0 = System.nanoTime();
                try (OutputStream o = sftp.write("inbox/" + id + ".hl7")) {
                    o.write(message(id));
                }
                long closed = System.nanoTime();
                while (!receiver.arrivals.containsKey(id)) {
                    Thread.onSpinWait();
                }
                lat[i] = (receiver.arrivals.get(id) - closed) / 1e6;
                up[i] = (closed - t0) / 1e6;
            }
        }
        return new double[][] {lat, up};
    }

    private static double throughput(SshClient client, int port, List<KeyPair> keys, ArrivalRecorder receiver, int perPartner, String prefix)
            throws Exception {
        List<List<String>> ids = ids(perPartner, (partner, i) -> prefix + partner + "x" + i + "x" + System.nanoTime());
        List<String> all = ids.stream().flatMap(List::stream).toList();
        return uploadRate(client, port, keys, ids, () -> receiver.arrivals.keySet().containsAll(all));
    }

    private static double bareThroughput(SshClient client, int port, List<KeyPair> keys, int perPartner, AtomicInteger done) throws Exception {
        return uploadRate(client, port, keys, ids(perPartner, (partner, i) -> "B" + partner + "x" + i), () -> done.get() >= 10 * perPartner);
    }

    /** Message IDs for 10 partners, {@code perPartner} each. */
    private static List<List<String>> ids(int perPartner, java.util.function.BiFunction<Integer, Integer, String> name) {
        List<List<String>> ids = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < perPartner; i++) {
                mine.add(name.apply(p, i));
            }
            ids.add(mine);
        }
        return ids;
    }

    /**
     * Each partner uploads its messages over its own SFTP session, all at once; returns messages per second
     * from the first upload until {@code arrived} says every one got through.
     */
    private static double uploadRate(SshClient client, int port, List<KeyPair> keys, List<List<String>> ids,
                                     java.util.function.BooleanSupplier arrived) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(ids.size());
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int p = 0; p < ids.size(); p++) {
            int partner = p;
            tasks.add(() -> {
                try (ClientSession s = session(client, port, "p" + (partner + 1), keys.get(partner));
                     SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
                    for (String id : ids.get(partner)) {
                        try (OutputStream o = sftp.write("inbox/" + id + ".hl7")) {
                            o.write(message(id));
                        }
                    }
                }
                return null;
            });
        }
        long t0 = System.nanoTime();
        for (Future<Void> f : pool.invokeAll(tasks)) {
            f.get();
        }
        while (!arrived.getAsBoolean()) {
            Thread.sleep(1);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return ids.stream().mapToInt(List::size).sum() / seconds;
    }
}
