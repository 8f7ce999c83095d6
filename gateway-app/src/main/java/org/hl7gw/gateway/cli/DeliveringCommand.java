package org.hl7gw.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** What {@code send} and {@code rerun} share: the data directory, and how files are opened, read and delivered. */
abstract class DeliveringCommand implements Callable<Integer> {
    protected final Terminal terminal;

    @Mixin
    DataDirOption dataDir = new DataDirOption();

    @Mixin
    DeliveryOptions delivery = new DeliveryOptions();

    @Mixin
    ValidationOptions validation = new ValidationOptions();

    @Mixin
    DecryptionOptions decryption = new DecryptionOptions();

    DeliveringCommand(Terminal terminal) {
        this.terminal = terminal;
    }
}
