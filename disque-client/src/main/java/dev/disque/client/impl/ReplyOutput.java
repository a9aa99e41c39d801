package dev.disque.client.impl;

import dev.disque.client.model.Reply;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.output.CommandOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Collects any RESP2 reply into a {@link Reply} tree. Every Disque command uses it; typed results are decoded from
 * the tree afterwards ({@link Decode}), off the I/O path's parsing state.
 *
 * @param <K> key type (unused: the tree keeps raw bytes)
 * @param <V> value type (unused)
 */
public final class ReplyOutput<K, V> extends CommandOutput<K, V, Reply> {
    private final boolean errorsAsReplies;
    private final Deque<Frame> stack = new ArrayDeque<>();

    private static final class Frame {
        final int expected;
        final List<Reply> items;

        Frame(int expected) {
            this.expected = expected;
            this.items = new ArrayList<>(Math.min(expected, 1024));
        }
    }

    /**
     * @param codec the connection's codec
     * @param errorsAsReplies true to keep an error reply as {@link Reply.Error} instead of failing the command
     */
    public ReplyOutput(RedisCodec<K, V> codec, boolean errorsAsReplies) {
        super(codec, null);
        this.errorsAsReplies = errorsAsReplies;
    }

    private void add(Reply r) {
        Reply value = r;
        while (true) {
            Frame f = stack.peek();
            if (f == null) {
                output = value;
                return;
            }
            f.items.add(value);
            if (f.items.size() < f.expected) return;
            stack.pop();
            value = new Reply.Array(f.items);
        }
    }

    @Override
    public void set(ByteBuffer bytes) {
        if (bytes == null) {
            add(Reply.NIL);
            return;
        }
        // Lettuce hands status lines ('+') to set() as well. The buffer is a view into the read buffer, so the
        // byte before it tells them apart: '+' before a status line, '\n' (the end of "$n\r\n") before a bulk.
        int pos = bytes.position();
        boolean status = pos > 0 && bytes.get(pos - 1) == '+';
        byte[] b = new byte[bytes.remaining()];
        bytes.get(b);
        if (status) add(new Reply.Status(new String(b, StandardCharsets.UTF_8)));
        else add(new Reply.Bulk(b));
    }

    @Override
    public void setSingle(ByteBuffer bytes) {
        add(new Reply.Status(bytes == null ? "" : StandardCharsets.UTF_8.decode(bytes).toString()));
    }

    @Override
    public void set(long integer) {
        add(new Reply.Int(integer));
    }

    @Override
    public void setError(ByteBuffer error) {
        if (errorsAsReplies) {
            add(new Reply.Error(StandardCharsets.UTF_8.decode(error).toString()));
        } else {
            super.setError(error);
        }
    }

    @Override
    public void setError(String error) {
        if (errorsAsReplies) add(new Reply.Error(error));
        else super.setError(error);
    }

    @Override
    public void multi(int count) {
        if (count < 0) add(Reply.NIL_ARRAY);
        else if (count == 0) add(new Reply.Array(List.of()));
        else stack.push(new Frame(count));
    }
}
