package org.hl7gw.poller;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.hl7gw.core.Sha256;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.core.intake.IncomingFile;
import org.hl7gw.core.intake.Intake;
import org.hl7gw.core.intake.IntakeReceipt;

/** An intake for tests: copies each file into a folder, records it and returns receipts with increasing ids. */
final class InMemoryIntake implements Intake {
    /** What the intake received. */
    record Received(long fileId, String source, String name, Sha256 sha256, long size, Path copy) {
    }

    private final Path folder;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger failuresToInject = new AtomicInteger();
    private final List<Received> received = new ArrayList<>();

    InMemoryIntake(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
    }

    /** The next {@code n} calls throw an IOException, as when the database is down. */
    void failNext(int n) {
        failuresToInject.set(n);
    }

    @Override
    public IntakeReceipt accept(IncomingFile file) throws IOException {
        if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IOException("ledger unavailable (injected)");
        }
        long id = ids.incrementAndGet();
        Path copy = folder.resolve(id + "-" + file.originalName());
        Files.copy(file.path(), copy);
        Sha256 sha = Sha256.of(copy);
        synchronized (this) {
            received.add(new Received(id, file.source().toString(), file.originalName(), sha, Files.size(copy), copy));
        }
        return new IntakeReceipt(id, sha, FileStatus.QUEUED, null);
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    synchronized List<String> names() {
        return received.stream().map(Received::name).toList();
    }
}
