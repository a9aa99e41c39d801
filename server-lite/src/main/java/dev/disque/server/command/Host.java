/*
 * Host: what commands may ask of the server process around the state
 * machine: its port, transport, and the ability to shut it down. The
 * embedded DisqueServer implements it, so SHUTDOWN stops only that server,
 * while the standalone main exits the process.
 */
package dev.disque.server.command;

public interface Host {
    int port();

    String multiplexingApi();

    /** Stops the server (SHUTDOWN); runs after the current command returns. */
    void shutdown();
}
