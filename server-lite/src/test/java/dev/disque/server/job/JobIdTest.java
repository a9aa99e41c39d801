/*
 * JobIdTest: the packed job ID reads and prints the original's 40-char form
 * exactly (round trip), rejects anything that is not strictly well formed
 * (lowercase hex, standard base64 alphabet, dashes in place), and exposes
 * the TTL field and its retry parity. Also checks the generator's TTL rules,
 * and that a probe (an ID read without building a JobId) matches exactly
 * the JobId of the same text.
 */
package dev.disque.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobIdTest {
    private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String HEX = "0123456789abcdef";
    private static final String SAMPLE = "D-dcb833cf-8YL1NT17e9+wsA/09NqxscQI-05a1";

    private static String randomId(Random r) {
        StringBuilder sb = new StringBuilder("D-");
        for (int i = 0; i < 8; i++) sb.append(HEX.charAt(r.nextInt(16)));
        sb.append('-');
        for (int i = 0; i < 24; i++) sb.append(B64.charAt(r.nextInt(64)));
        sb.append('-');
        for (int i = 0; i < 4; i++) sb.append(HEX.charAt(r.nextInt(16)));
        return sb.toString();
    }

    @Test
    void parseThenFormatGivesBackTheSameText() {
        Random r = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            String s = randomId(r);
            JobId id = JobId.parse(s);
            assertNotNull(id, s);
            assertEquals(s, id.toString());
            assertEquals(s, new String(id.toBytes(), StandardCharsets.US_ASCII));
            assertEquals(id, JobId.parse(id.toBytes()));
            assertEquals(id.hashCode(), JobId.parse(s).hashCode());
        }
    }

    @Test
    void extremesRoundTrip() {
        for (String s : new String[] {
            "D-00000000-AAAAAAAAAAAAAAAAAAAAAAAA-0000",
            "D-ffffffff-////////////////////////-ffff",
            "D-80000000-/AAAAAAAAAAAAAAAAAAAAAA/-8000",
            SAMPLE}) {
            assertEquals(s, JobId.parse(s).toString());
        }
    }

    @Test
    void writeToEmitsTheText() {
        ByteBuf buf = Unpooled.buffer();
        JobId.parse(SAMPLE).writeTo(buf);
        assertEquals(SAMPLE, buf.toString(StandardCharsets.US_ASCII));
        buf.release();
    }

    @Test
    void thePackedFormRoundTripsEveryFieldInTwentyFourBytes() {
        ByteBuf buf = Unpooled.buffer();
        String[] ids = {SAMPLE, "D-ffffffff-////////////////////////-ffff", "D-80000000-/AAAAAAAAAAAAAAAAAAAAAA/-8000",
                "D-00000000-AAAAAAAAAAAAAAAAAAAAAAAA-0000"};
        for (String s : ids) JobId.parse(s).writePacked(buf);
        assertEquals(ids.length * JobId.PACKED_LENGTH, buf.readableBytes());
        for (String s : ids) {
            JobId back = JobId.readPacked(buf);
            assertEquals(JobId.parse(s), back);
            assertEquals(s, back.toString());
        }
        buf.release();
    }

    @Test
    void fieldsAreDecoded() {
        JobId id = JobId.parse(SAMPLE);
        assertEquals(0xdcb833cf, id.nodePrefix());
        assertEquals(0x05a1, id.ttlMinutes());
        assertTrue(id.isAtLeastOnce());
        JobId once = JobId.parse(SAMPLE.substring(0, 36) + "05a0");
        assertFalse(once.isAtLeastOnce());
        assertEquals(0xffff, JobId.parse("D-00000000-AAAAAAAAAAAAAAAAAAAAAAAA-ffff").ttlMinutes());
    }

    @Test
    void everyCharacterMatters() {
        JobId base = JobId.parse(SAMPLE);
        Set<JobId> seen = new HashSet<>();
        seen.add(base);
        int[] positions = {2, 9, 11, 20, 33, 34, 36, 39};
        for (int p : positions) {
            char[] c = SAMPLE.toCharArray();
            c[p] = c[p] == 'a' ? 'b' : (c[p] == '0' ? '1' : (Character.isDigit(c[p]) ? '0' : 'a'));
            JobId other = JobId.parse(new String(c));
            assertNotNull(other, new String(c));
            assertNotEquals(base, other, "position " + p);
            assertNotEquals(0, base.compareTo(other));
            assertEquals(-Integer.signum(base.compareTo(other)), Integer.signum(other.compareTo(base)));
            assertTrue(seen.add(other));
        }
    }

    @Test
    void wrongLengthOrDashesAreRejected() {
        assertNull(JobId.parse(""));
        assertNull(JobId.parse(SAMPLE.substring(1)));
        assertNull(JobId.parse(SAMPLE + "0"));
        assertNull(JobId.parse("X" + SAMPLE.substring(1)));
        assertNull(JobId.parse("d" + SAMPLE.substring(1)));
        for (int p : new int[] {1, 10, 35}) {
            char[] c = SAMPLE.toCharArray();
            c[p] = '_';
            assertNull(JobId.parse(new String(c)), "dash at " + p);
        }
    }

    @Test
    void parsingIsStrictAboutAlphabets() {
        // The original only checks length and dashes; this server also refuses
        // characters that could not come out of an ID generator.
        assertNull(JobId.parse("D-DCB833CF-8YL1NT17e9+wsA/09NqxscQI-05a1"), "uppercase hex");
        assertNull(JobId.parse("D-dcb833cg-8YL1NT17e9+wsA/09NqxscQI-05a1"), "non-hex node");
        assertNull(JobId.parse("D-dcb833cf-8YL1NT17e9+wsA/09NqxscQI-05A1"), "uppercase TTL hex");
        assertNull(JobId.parse("D-dcb833cf-8YL1NT17e9-wsA/09NqxscQI-05a1"), "'-' is not base64");
        assertNull(JobId.parse("D-dcb833cf-8YL1NT17e9_wsA/09NqxscQI-05a1"), "url-safe base64");
        assertNull(JobId.parse("D-dcb833cf-8YL1NT17e9=wsA/09NqxscQI-05a1"), "padding");
        assertNull(JobId.parse("D-dcb833cf-8YL1NT17e9 wsA/09NqxscQI-05a1"), "space");
        byte[] high = SAMPLE.getBytes(StandardCharsets.ISO_8859_1);
        high[15] = (byte) 0xc3;
        assertNull(JobId.parse(high), "non-ASCII byte");
        high = SAMPLE.getBytes(StandardCharsets.ISO_8859_1);
        high[5] = (byte) 0xe1;
        assertNull(JobId.parse(high), "non-ASCII byte in hex");
    }

    @Test
    void generatorSetsPrefixTtlMinutesAndParity() {
        JobIdGenerator g = new JobIdGenerator("dcb833cf" + "0".repeat(32), new SecureRandom());
        assertEquals(0xdcb833cf, g.next(60, 1).nodePrefix());
        assertEquals(1441, g.next(86400, 300).ttlMinutes());
        assertEquals(1440, g.next(86400, 0).ttlMinutes());
        assertEquals(1, g.next(59, 5).ttlMinutes());
        assertEquals(0, g.next(59, 0).ttlMinutes());
        assertEquals(3, g.next(120, 12).ttlMinutes());
        assertEquals(2, g.next(179, 0).ttlMinutes());
        assertEquals(65535, g.next(100_000_000L, 1).ttlMinutes());
        assertEquals(65534, g.next(100_000_000L, 0).ttlMinutes());
    }

    @Test
    void generatedIdsAreUniqueAndParseBack() {
        JobIdGenerator g = new JobIdGenerator("0123abcd" + "0".repeat(32), new SecureRandom());
        Set<JobId> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            JobId id = g.next(3600, 1);
            assertTrue(seen.add(id));
            assertEquals(id, JobId.parse(id.toString()));
            assertTrue(id.toString().startsWith("D-0123abcd-"));
        }
    }

    @Test
    void aProbeMatchesExactlyTheIdItReadAndHashesLikeIt() {
        Random r = new Random(7);
        JobId.Probe probe = new JobId.Probe();
        for (int i = 0; i < 10_000; i++) {
            String text = randomId(r);
            JobId id = JobId.parse(text);
            byte[] raw = text.getBytes(StandardCharsets.US_ASCII);
            assertTrue(probe.read(raw));
            assertTrue(JobId.isWellFormed(raw));
            Job job = new Job(id, null, null, JobState.ACTIVE);
            assertTrue(probe.test(job));
            assertEquals(id.hashCode(), probe.hash());
            // A job keeps its ID unpacked: it hands back an equal ID and finds itself by it.
            assertEquals(id, job.id());
            assertEquals(id.hashCode(), job.tableKeyHash());
            assertTrue(job.hasTableKey(id));
            JobId other = JobId.parse(randomId(r));
            assertFalse(probe.test(new Job(other, null, null, JobState.ACTIVE)));
            assertFalse(job.hasTableKey(other));
        }
        for (String bad : new String[] {"", SAMPLE.substring(1), SAMPLE.replace('8', 'G'), SAMPLE.replace("-05a1", "-05A1")}) {
            byte[] raw = bad.getBytes(StandardCharsets.US_ASCII);
            assertFalse(probe.read(raw), bad);
            assertFalse(JobId.isWellFormed(raw), bad);
        }
    }
}
