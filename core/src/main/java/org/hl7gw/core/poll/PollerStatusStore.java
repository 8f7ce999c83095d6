package org.hl7gw.core.poll;

/** Where pollers keep their {@link PollerStatus}. */
public interface PollerStatusStore {

    PollerStatus status(String pollerId);

    void save(PollerStatus status);
}
