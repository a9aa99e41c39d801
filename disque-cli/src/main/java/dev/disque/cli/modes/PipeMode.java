/*
 * PipeMode: `disque --pipe < commands`: mass insertion. Standard input (RESP
 * requests, or one inline command per line) is streamed to the server as it
 * is (inline lines made to end in CRLF, which the original server needs),
 * while a second thread reads the replies. Disque has no ECHO to mark
 * the end, so the commands are counted as they are sent (CommandCounter)
 * and exactly that many replies are read. Prints a summary like redis-cli;
 * exits 1 if any reply was an error or replies stopped coming.
 */
package dev.disque.cli.modes;

import dev.disque.cli.DisqueCli;
import dev.disque.cli.net.Reply;
import dev.disque.cli.net.RespConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.SocketTimeoutException;

public final class PipeMode {
    private final DisqueCli cli;
    private final Object lock = new Object();
    private long sent;
    private boolean writerDone;
    private long replies;
    private long errors;
    private String readFailure;

    public PipeMode(DisqueCli cli) {
        this.cli = cli;
    }

    public int run() {
        PrintStream out = cli.io().out();
        PrintStream err = cli.io().err();
        RespConnection conn;
        try {
            conn = RespConnection.open(cli.endpoint());
        } catch (IOException e) {
            err.println(DisqueCli.connectError(cli.endpoint().address(), e));
            return 1;
        }
        try (conn) {
            if (cli.password() != null) {
                Reply r = conn.call("AUTH", cli.password());
                if (r.isError()) err.println("AUTH failed: " + r.asText());
            }
            conn.readTimeout(cli.pipeTimeoutSeconds() * 1000);
            Thread reader = new Thread(() -> readReplies(conn, err), "disque-pipe-reader");
            reader.setDaemon(true);
            reader.start();
            String writeFailure = writeAll(conn, cli.io().in());
            out.println("All data transferred. Waiting for the last reply...");
            out.flush();
            reader.join();
            if (readFailure != null || writeFailure != null) {
                err.println("Error: " + (readFailure != null ? readFailure : writeFailure));
                out.println("errors: " + errors + ", replies: " + replies);
                out.flush();
                return 1;
            }
            out.println("Last reply received from server.");
            out.println("errors: " + errors + ", replies: " + replies);
            out.flush();
            return errors > 0 ? 1 : 0;
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Streams the input; returns why it stopped early, or null. */
    private String writeAll(RespConnection conn, InputStream in) {
        CommandCounter counter = new CommandCounter();
        byte[] buf = new byte[64 * 1024];
        ByteArrayOutputStream toSend = new ByteArrayOutputStream(buf.length + 1024);
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                toSend.reset();
                long done = counter.feed(buf, 0, n, toSend);
                conn.writeRaw(toSend.toByteArray(), 0, toSend.size());
                conn.flush();
                add(done, false);
                if (failed()) break;
            }
            if (counter.pendingInline()) {
                byte[] nl = {'\r', '\n'};
                long done = counter.feed(nl, 0, 2);
                conn.writeRaw(nl, 0, 2);
                conn.flush();
                add(done, false);
            }
            String problem = counter.pendingMultibulk()
                    ? "the input ends in the middle of a RESP request; it was not run" : null;
            add(0, true);
            return problem;
        } catch (IOException e) {
            add(0, true);
            return "writing to the server: " + e.getMessage();
        }
    }

    private void add(long commands, boolean done) {
        synchronized (lock) {
            sent += commands;
            writerDone |= done;
            lock.notifyAll();
        }
    }

    private boolean failed() {
        synchronized (lock) {
            return readFailure != null;
        }
    }

    private void readReplies(RespConnection conn, PrintStream err) {
        try {
            while (true) {
                synchronized (lock) {
                    while (replies >= sent && !writerDone) lock.wait();
                    if (replies >= sent) return;
                }
                Reply r = conn.read();
                synchronized (lock) {
                    replies++;
                    if (r.isError()) {
                        errors++;
                        err.println(r.asText());
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            fail("no reply for " + cli.pipeTimeoutSeconds() + " seconds, giving up");
        } catch (IOException e) {
            fail(e.getMessage() + " after " + replies + " replies");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(String why) {
        synchronized (lock) {
            readFailure = why;
            lock.notifyAll();
        }
    }
}
