/** Not API: SQL, row mapping, the dialect differences, the stager and the journal's batch writer. */
package org.hl7gw.ledger.internal;
