/**
 * Implementation of {@link org.hl7gw.pgp}: not API, may change without notice. Bouncy Castle types stay in here
 * and in the package-private parts of {@code org.hl7gw.pgp}.
 */
package org.hl7gw.pgp.internal;
