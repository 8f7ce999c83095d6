/**
 * Delivery of queued HL7 v2 messages to a receiver over MLLP, in order, with every ACK checked.
 *
 * <p>A {@link org.hl7gw.mllp.Destination} says where and how (endpoint, TLS, timeouts, retries, halt
 * policies); a {@link org.hl7gw.mllp.Lane} delivers one destination's messages one at a time over one
 * connection, reading them from the ledger's {@link org.hl7gw.core.port.DeliveryQueue} and writing every
 * attempt and outcome to its {@link org.hl7gw.core.port.DeliveryJournal}.
 *
 * <p>Layers, lowest first: {@code frame} (MLLP bytes, bounded), {@code ack} (MSA from a frame),
 * {@code connection} (TCP/TLS, one exchange = one message and its ACK), then this package.
 */
package org.hl7gw.mllp;
