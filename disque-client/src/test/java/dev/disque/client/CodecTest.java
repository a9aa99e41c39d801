// Codecs: byte[] bodies and queue names, and any Lettuce codec (here a custom one), end to end.
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.disque.client.args.GetJobArgs;
import dev.disque.client.model.Job;
import dev.disque.client.model.JobInfo;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecTest extends ClientFixture {

    @Test
    void binaryBodiesRoundTrip() {
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) body[i] = (byte) i;
        byte[] queue = {'b', 0, (byte) 0xff};
        try (StatefulDisqueConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
            String id = c.sync().addjob(queue, body);
            Job<byte[], byte[]> job = c.sync().getjob(GetJobArgs.Builder.nohang(), queue).get(0);
            assertEquals(id, job.id());
            assertArrayEquals(queue, job.queue());
            assertArrayEquals(body, job.body());
            c.sync().enqueue(id);
            JobInfo<byte[], byte[]> info = c.sync().show(id);
            assertArrayEquals(body, info.body());
            assertArrayEquals(queue, c.sync().qstat(queue).name());
            assertArrayEquals(queue, c.sync().qscan().getKeys().get(0));
        }
    }

    /** Queue names as strings, bodies as numbers. */
    static final class LongBodies implements RedisCodec<String, Long> {
        @Override
        public String decodeKey(ByteBuffer bytes) {
            return StringCodec.UTF8.decodeKey(bytes);
        }

        @Override
        public Long decodeValue(ByteBuffer bytes) {
            return Long.parseLong(StandardCharsets.US_ASCII.decode(bytes).toString());
        }

        @Override
        public ByteBuffer encodeKey(String key) {
            return StringCodec.UTF8.encodeKey(key);
        }

        @Override
        public ByteBuffer encodeValue(Long value) {
            return ByteBuffer.wrap(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void anyLettuceCodec() {
        try (StatefulDisqueConnection<String, Long> c = client.connect(new LongBodies())) {
            c.sync().addjob("numbers", 42L);
            c.sync().addjob("numbers", -7L);
            List<Job<String, Long>> jobs = c.sync().getjob(new GetJobArgs().nohang().count(5), "numbers");
            assertEquals(List.of(42L, -7L), jobs.stream().map(Job::body).toList());
        }
        assertEquals(0L, sync.qlen("numbers"));
    }

    @Test
    void utf8Strings() {
        sync.addjob("ünïcødé", "写真 📷");
        assertEquals("写真 📷", sync.getjob(GetJobArgs.Builder.nohang(), "ünïcødé").get(0).body());
    }
}
