/** The archive of originals exactly as received, content-addressed by SHA-256. */
package org.hl7gw.ledger.archive;
