/**
 * MLLP framing: {@code 0x0B message 0x1C 0x0D}. Knows bytes only, nothing of HL7. Every frame read is bounded.
 */
package org.hl7gw.mllp.frame;
