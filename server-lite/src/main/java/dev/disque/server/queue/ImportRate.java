/*
 * ImportRate: a rough jobs-per-second meter for jobs imported from peers.
 *
 * Federation uses it to decide how many jobs to ask other nodes for, and
 * QSTAT / QSCAN IMPORTRATE report it. It keeps two one-second buckets, like
 * the original, and reads zero once nothing arrived for five seconds.
 */
package dev.disque.server.queue;

public final class ImportRate {
    private static final long WINDOW_MILLIS = 5000;

    private long currentTime;
    private long currentCount;
    private long prevTime;
    private long prevCount;

    ImportRate(long nowMillis) {
        currentTime = nowMillis;
        prevTime = nowMillis;
    }

    /** Records one imported job. */
    public void record(long nowMillis) {
        if (nowMillis - currentTime > 1000) {
            prevTime = currentTime;
            prevCount = currentCount;
            currentTime = nowMillis;
            currentCount = 0;
        }
        currentCount++;
    }

    /** Jobs per second imported recently, rounded up. */
    public long perSecond(long nowMillis) {
        if (nowMillis - currentTime > WINDOW_MILLIS) return 0;
        double elapsed = Math.max(50, nowMillis - prevTime);
        double messages = prevCount + currentCount;
        return (long) Math.ceil(messages * 1000 / elapsed);
    }
}
