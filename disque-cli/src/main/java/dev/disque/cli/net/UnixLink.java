/*
 * UnixLink: a Unix domain socket (-s path), through a SocketChannel since
 * java.net.Socket cannot reach one. The channel is non-blocking behind a
 * selector so that reads can time out (--pipe-timeout), which a blocking
 * channel's streams cannot; close() wakes a blocked read from any thread.
 */
package dev.disque.cli.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

final class UnixLink implements Link {
    private final SocketChannel channel;
    private final Selector selector;
    private volatile int timeoutMillis;

    private UnixLink(SocketChannel channel, Selector selector) {
        this.channel = channel;
        this.selector = selector;
    }

    static UnixLink open(String path) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(Path.of(path)));
            ch.configureBlocking(false);
            return new UnixLink(ch, Selector.open());
        } catch (IOException | RuntimeException e) {
            ch.close();
            if (e instanceof java.nio.file.InvalidPathException) throw new IOException("bad socket path: " + path, e);
            throw e;
        }
    }

    /** Waits until the channel is ready for {@code op}; false when the read timeout passed. */
    private boolean await(int op) throws IOException {
        if (!channel.isOpen()) throw new ClosedChannelException();
        try {
            SelectionKey key = channel.keyFor(selector);
            if (key == null) key = channel.register(selector, op);
            else key.interestOps(op);
            int ready = selector.select(op == SelectionKey.OP_READ ? timeoutMillis : 0);
            selector.selectedKeys().clear();
            if (!channel.isOpen()) throw new ClosedChannelException();
            return ready > 0;
        } catch (java.nio.channels.ClosedSelectorException | java.nio.channels.CancelledKeyException e) {
            throw new ClosedChannelException(); // closed from another thread (Ctrl-C)
        }
    }

    private final InputStream in = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (true) {
                int n = channel.read(buf);
                if (n != 0) return n;
                if (!await(SelectionKey.OP_READ) && timeoutMillis > 0) throw new SocketTimeoutException("Read timed out");
            }
        }
    };

    private final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                if (channel.write(buf) == 0) await(SelectionKey.OP_WRITE);
            }
        }
    };

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public void readTimeout(int millis) {
        timeoutMillis = millis;
    }

    @Override
    public boolean isClosed() {
        return !channel.isOpen();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing left to do with a channel that failed to close.
        }
        selector.wakeup();
        try {
            selector.close();
        } catch (IOException ignored) {
            // As above.
        }
    }
}
