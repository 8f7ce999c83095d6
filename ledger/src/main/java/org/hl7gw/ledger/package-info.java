/**
 * The ledger: every received file, every message and every delivery attempt, in a database (H2 file by
 * default, PostgreSQL later) reached through plain JDBC.
 *
 * <ul>
 *   <li>{@link org.hl7gw.ledger.LedgerDatabase}: the pool and the Flyway-migrated schema; open one per process.</li>
 *   <li>{@link org.hl7gw.ledger.Ledger} / {@link org.hl7gw.ledger.JdbcLedger}: intake, staging, queries, halts,
 *       reruns; also the lanes' {@link org.hl7gw.core.port.DeliveryQueue}.</li>
 *   <li>{@link org.hl7gw.ledger.GroupCommitJournal}: the lanes' {@link org.hl7gw.core.port.DeliveryJournal},
 *       writing attempts and settlements in group commits off the hot path, with a stated crash window.</li>
 *   <li>{@link org.hl7gw.ledger.archive.Archive}: the originals, content-addressed by SHA-256.</li>
 * </ul>
 */
package org.hl7gw.ledger;
