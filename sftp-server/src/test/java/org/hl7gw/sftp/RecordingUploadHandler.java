package org.hl7gw.sftp;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7gw.core.partner.PartnerAccount;
import org.hl7gw.core.partner.UploadHandler;

/** Remembers every call, in order. */
final class RecordingUploadHandler implements UploadHandler {

    enum Kind { UPLOADED, INTERRUPTED }

    record Call(Kind kind, String partnerId, Path file, String protocol, long bytes, String thread) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public void uploaded(PartnerAccount account, Path file, String protocol) {
        calls.add(new Call(Kind.UPLOADED, account.partnerId(), file, protocol, -1, Thread.currentThread().getName()));
    }

    @Override
    public void interrupted(PartnerAccount account, Path file, String protocol, long bytes) {
        calls.add(new Call(Kind.INTERRUPTED, account.partnerId(), file, protocol, bytes, Thread.currentThread().getName()));
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> uploads() {
        return calls.stream().filter(c -> c.kind() == Kind.UPLOADED).toList();
    }

    List<Call> interruptions() {
        return calls.stream().filter(c -> c.kind() == Kind.INTERRUPTED).toList();
    }

    List<Path> uploadedFiles() {
        return uploads().stream().map(Call::file).toList();
    }
}
