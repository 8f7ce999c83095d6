package org.hl7gw.testkit.servers;

/**
 * What the real servers the tests start (OpenSSH sshd, vsftpd) have in common: one daemon process on a port of
 * 127.0.0.1, stopped or killed together with the sessions it forked.
 */
abstract class DaemonServer implements AutoCloseable {
    protected int port;
    protected Daemon daemon;

    /** Stops the server and every session it forked (SIGTERM, then SIGKILL after a grace period). */
    public synchronized void stop() {
        if (daemon != null) {
            daemon.stop();
        }
    }

    /** SIGKILL to the server and its sessions: connections and transfers drop mid-file. */
    public synchronized void kill() {
        if (daemon != null) {
            daemon.kill();
        }
    }

    public synchronized boolean isRunning() {
        return daemon != null && daemon.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }
}
