package org.hl7gw.gateway.demo;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The demo's hospital interface engine: HAPI's own MLLP server, answering AA to every message. */
final class DemoReceiver implements AutoCloseable {
    private final HapiContext context = newContext();
    private final AtomicInteger received = new AtomicInteger();
    private HL7Service server;
    private int port;

    void start() throws IOException, InterruptedException {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        server = context.newServer(port, false);
        server.registerApplication("*", "*", new ReceivingApplication<Message>() {
            @Override
            public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
                received.incrementAndGet();
                try {
                    return message.generateACK();
                } catch (IOException e) {
                    throw new HL7Exception(e);
                }
            }

            @Override
            public boolean canProcess(Message message) {
                return true;
            }
        });
        server.startAndWait();
    }

    int port() {
        return port;
    }

    int received() {
        return received.get();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stopAndWait();
        }
        try {
            context.close();
        } catch (IOException e) {
            // nothing to release
        }
    }

    /** HAPI's default control-ID generator keeps a counter file ("id_file") in the working directory: not here. */
    private static HapiContext newContext() {
        HapiContext c = new DefaultHapiContext(ValidationContextFactory.noValidation());
        c.getParserConfiguration().setIdGenerator(new ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator());
        return c;
    }
}
