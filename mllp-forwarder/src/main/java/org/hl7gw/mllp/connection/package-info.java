/**
 * Connections to a receiver: endpoints ({@code mllp://}, {@code mllps://}), TLS settings, and
 * {@link org.hl7gw.mllp.connection.MllpConnection#exchange}, which sends one message and waits, within one
 * deadline, for the ACK that names its control ID. Failures are typed: {@link
 * org.hl7gw.mllp.connection.AckTimeoutException}, {@link org.hl7gw.mllp.connection.ConnectionFailedException},
 * {@link org.hl7gw.mllp.ack.InvalidAckException}.
 */
package org.hl7gw.mllp.connection;
