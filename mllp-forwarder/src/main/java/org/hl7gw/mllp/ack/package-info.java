/**
 * Acknowledgements: reads MSA (and ERR) from a frame's bytes. Knows nothing of sockets.
 */
package org.hl7gw.mllp.ack;
