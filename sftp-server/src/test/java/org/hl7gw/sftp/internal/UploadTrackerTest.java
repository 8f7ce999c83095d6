package org.hl7gw.sftp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.hl7gw.sftp.internal.UploadTracker.Outcome;
import org.hl7gw.sftp.internal.UploadTracker.Outcome.Kind;
import org.hl7gw.sftp.internal.UploadTracker.Writer;
import org.junit.jupiter.api.Test;

class UploadTrackerTest {
    private static final Path INBOX = Path.of("/homes/acme/inbox");
    private static final Path FINAL = INBOX.resolve("x.hl7");
    private static final Path PART = INBOX.resolve("x.hl7.part");

    private final UploadTracker tracker = new UploadTracker();

    @Test
    void aFileWrittenAndClosedByTheClientIsUploaded() {
        Writer w = tracker.opened(FINAL, true);
        tracker.wrote(w);
        tracker.closeRequested(w);

        assertThat(tracker.ended(w, true)).contains(new Outcome(Kind.UPLOADED, FINAL));
        assertThat(tracker.trackedFiles()).isZero();
    }

    @Test
    void aCloseThatNoClientAskedForIsAnInterruption() {
        Writer w = tracker.opened(FINAL, true);
        tracker.wrote(w);

        assertThat(tracker.ended(w, true)).contains(new Outcome(Kind.INTERRUPTED, FINAL));
    }

    @Test
    void aCloseOnADeadSessionIsAnInterruptionEvenAfterTheRequest() {
        Writer w = tracker.opened(FINAL, true);
        tracker.wrote(w);
        tracker.closeRequested(w);

        assertThat(tracker.ended(w, false)).contains(new Outcome(Kind.INTERRUPTED, FINAL));
    }

    @Test
    void aFailedWriteMakesEvenACleanCloseAnInterruption() {
        Writer w = tracker.opened(FINAL, true);
        tracker.wrote(w);
        tracker.writeFailed(w);
        tracker.closeRequested(w);

        assertThat(tracker.ended(w, true)).contains(new Outcome(Kind.INTERRUPTED, FINAL));
    }

    @Test
    void aHandleIsCountedOnceEvenIfMinaReportsItsEndTwice() {
        Writer w = tracker.opened(FINAL, true);
        tracker.closeRequested(w);

        assertThat(tracker.ended(w, true)).contains(new Outcome(Kind.UPLOADED, FINAL));
        assertThat(tracker.ended(w, false)).isEmpty();
    }

    @Test
    void openingForWriteWithoutWritingOrTruncatingChangesNothing() {
        Writer w = tracker.opened(FINAL, false);
        tracker.closeRequested(w);

        assertThat(tracker.ended(w, true)).isEmpty();
        assertThat(tracker.trackedFiles()).isZero();
    }

    @Test
    void theFileIsUploadedWhenTheLastWriterCloses() {
        Writer a = tracker.opened(FINAL, true);
        Writer b = tracker.opened(FINAL, false);
        tracker.wrote(a);
        tracker.wrote(b);
        tracker.closeRequested(a);
        tracker.closeRequested(b);

        assertThat(tracker.ended(a, true)).isEmpty();
        assertThat(tracker.ended(b, true)).contains(new Outcome(Kind.UPLOADED, FINAL));
    }

    @Test
    void anInterruptedFileStaysUntilRewritten() {
        Writer cut = tracker.opened(FINAL, true);
        tracker.wrote(cut);
        assertThat(tracker.ended(cut, false)).contains(new Outcome(Kind.INTERRUPTED, FINAL));
        assertThat(tracker.trackedFiles()).isOne();

        Writer again = tracker.opened(FINAL, true);
        tracker.wrote(again);
        tracker.closeRequested(again);

        assertThat(tracker.ended(again, true)).contains(new Outcome(Kind.UPLOADED, FINAL));
    }

    @Test
    void aResumedAppendThatClosesCleanlyCompletesAnInterruptedFile() {
        Writer cut = tracker.opened(FINAL, true);
        tracker.wrote(cut);
        tracker.ended(cut, false);

        Writer resume = tracker.opened(FINAL, false);
        tracker.wrote(resume);
        tracker.closeRequested(resume);

        assertThat(tracker.ended(resume, true)).contains(new Outcome(Kind.UPLOADED, FINAL));
    }

    @Test
    void anInterruptedFileOpenedAndClosedWithoutWritingStaysInterrupted() {
        Writer cut = tracker.opened(PART, true);
        tracker.wrote(cut);
        tracker.ended(cut, false);
        Writer touch = tracker.opened(PART, false);
        tracker.closeRequested(touch);
        assertThat(tracker.ended(touch, true)).isEmpty();

        assertThat(tracker.renamed(PART, FINAL)).contains(new Outcome(Kind.INTERRUPTED, FINAL));
    }

    @Test
    void aCompleteTemporaryFileIsUploadedWhenRenamedToItsFinalName() {
        Writer w = tracker.opened(PART, true);
        tracker.wrote(w);
        tracker.closeRequested(w);
        assertThat(tracker.ended(w, true)).isEmpty();

        assertThat(tracker.renamed(PART, INBOX.resolve("x.hl7.tmp"))).isEmpty();
        assertThat(tracker.renamed(INBOX.resolve("x.hl7.tmp"), FINAL)).contains(new Outcome(Kind.UPLOADED, FINAL));
        assertThat(tracker.trackedFiles()).isZero();
    }

    @Test
    void aTemporaryFileRenamedWhileStillBeingWrittenIsUploadedUnderItsNewNameWhenClosed() {
        Writer w = tracker.opened(PART, true);
        tracker.wrote(w);

        assertThat(tracker.renamed(PART, FINAL)).isEmpty();

        tracker.closeRequested(w);
        assertThat(tracker.ended(w, true)).contains(new Outcome(Kind.UPLOADED, FINAL));
    }

    @Test
    void anUnknownTemporaryFileIsTrustedWhenRenamed() {
        assertThat(tracker.renamed(PART, FINAL)).contains(new Outcome(Kind.UPLOADED, FINAL));
    }

    @Test
    void renamingOneFinalNameToAnotherHandsNothingOn() {
        assertThat(tracker.renamed(FINAL, INBOX.resolve("y.hl7"))).isEmpty();
        assertThat(tracker.renamed(FINAL, PART)).isEmpty();
    }

    @Test
    void anInterruptedTemporaryFileIsReportedAgainInsteadOfUploadedWhenRenamed() {
        Writer cut = tracker.opened(PART, true);
        tracker.wrote(cut);
        assertThat(tracker.ended(cut, false)).contains(new Outcome(Kind.INTERRUPTED, PART));

        assertThat(tracker.renamed(PART, FINAL)).contains(new Outcome(Kind.INTERRUPTED, FINAL));
    }

    @Test
    void aFileDeletedWhileBeingWrittenIsForgotten() {
        Writer w = tracker.opened(FINAL, true);
        tracker.wrote(w);
        tracker.removed(FINAL);
        tracker.closeRequested(w);

        assertThat(tracker.ended(w, true)).isEmpty();
        assertThat(tracker.trackedFiles()).isZero();
    }

    @Test
    void aFileReplacedByARenameWhileBeingWrittenIsForgotten() {
        Writer old = tracker.opened(FINAL, true);
        tracker.wrote(old);
        Writer part = tracker.opened(PART, true);
        tracker.wrote(part);
        tracker.closeRequested(part);
        assertThat(tracker.ended(part, true)).isEmpty();

        assertThat(tracker.renamed(PART, FINAL)).contains(new Outcome(Kind.UPLOADED, FINAL));
        tracker.closeRequested(old);
        assertThat(tracker.ended(old, true)).isEmpty();
    }
}
