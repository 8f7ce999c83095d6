package org.hl7gw.gateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.hl7gw.gateway.demo.Demo;
import org.hl7gw.ledger.FileRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gateway demo [--once]}: the whole path, one command, no setup. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Show the whole path with no setup: make a temporary data folder, a gateway key pair, a demo partner with its own "
                + "SSH and OpenPGP keys, start the service with an embedded MLLP receiver (HAPI) as the destination, then, as the partner, "
                + "sign and encrypt a real batch from the corpus, upload it over SFTP, wait until it is delivered, and print the ledger "
                + "and the partner's result file. It then keeps running and shows how to upload with the real sftp client, until Ctrl-C.",
            "--once does the same and exits: 0 when the batch was delivered, 1 otherwise."})
final class DemoCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Option(names = "--once", description = "Exit after the first batch: 0 when every message was delivered, 1 otherwise.")
    boolean once;

    @Option(names = "--file", paramLabel = "FILE", description = "The batch to upload (default: a 20-message batch from corpus/).")
    Path file;

    @Option(names = "--work", paramLabel = "DIR", description = "Folder for the demo (default: a new temporary folder).")
    Path work;

    DemoCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        Path batch = file != null ? file : sampleBatch();
        InputFiles.requireReadable(java.util.List.of(batch));
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("hl7gw-demo-");
        Demo demo = new Demo(dir, terminal.out());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "hl7gw-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean delivered;
        try {
            demo.start();
            String name = demo.upload(batch);
            Optional<FileRecord> f = demo.awaitDelivery(name, Duration.ofSeconds(60));
            if (f.isEmpty()) {
                terminal.out().println("the batch was not delivered within 60 s; see the log above");
                delivered = false;
            } else {
                demo.printOutcome(f.get(), name);
                delivered = f.get().status() == org.hl7gw.core.delivery.FileStatus.COMPLETED && f.get().delivered() == f.get().messages();
                terminal.out().println(delivered ? "== OK: the partner's encrypted batch arrived over SFTP and left over MLLP"
                        : "== NOT DELIVERED: see the ledger above");
            }
            if (once) {
                return delivered ? ExitCodes.OK : ExitCodes.FAILED;
            }
            demo.printHowToUpload();
        } catch (Exception e) {
            if (once) {
                throw e;
            }
            terminal.err().println("demo failed: " + e);
            return ExitCodes.FAILED;
        } finally {
            if (once) {
                Runtime.getRuntime().removeShutdownHook(hook);
                demo.close();
            }
        }
        stopped.await();
        return delivered ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The corpus's clean 20-message batch, found from the working folder or next to the program. */
    private static Path sampleBatch() {
        String relative = "corpus/batch/reportstream__sample-batch-pdi-20210608-0001.hl7";
        Path here = Path.of(relative);
        if (Files.isRegularFile(here)) {
            return here;
        }
        try {
            Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve(relative))) {
                    return dir.resolve(relative);
                }
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // fall through
        }
        throw new UsageException("cannot find " + relative + "; run from the repository folder or give --file FILE");
    }
}
