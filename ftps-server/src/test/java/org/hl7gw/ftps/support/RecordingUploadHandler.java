package org.hl7gw.ftps.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7gw.core.Sha256;
import org.hl7gw.core.partner.PartnerAccount;
import org.hl7gw.core.partner.UploadHandler;

/** Records what the server reports, with the file's SHA-256 at the moment of the call. */
public final class RecordingUploadHandler implements UploadHandler {

    public enum Kind { UPLOADED, INTERRUPTED }

    /** One report. {@code sha256} is null when the file could not be read. */
    public record Event(Kind kind, String partnerId, Path file, String protocol, long bytes, String sha256) {
        public String name() {
            return file.getFileName().toString();
        }
    }

    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void uploaded(PartnerAccount account, Path file, String protocol) {
        events.add(new Event(Kind.UPLOADED, account.partnerId(), file, protocol, size(file), sha256(file)));
    }

    @Override
    public synchronized void interrupted(PartnerAccount account, Path file, String protocol, long bytes) {
        events.add(new Event(Kind.INTERRUPTED, account.partnerId(), file, protocol, bytes, sha256(file)));
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    public synchronized List<Event> uploaded() {
        return events.stream().filter(e -> e.kind() == Kind.UPLOADED).toList();
    }

    public synchronized List<Event> interrupted() {
        return events.stream().filter(e -> e.kind() == Kind.INTERRUPTED).toList();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String sha256(Path file) {
        try {
            return Sha256.of(file).hex();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
