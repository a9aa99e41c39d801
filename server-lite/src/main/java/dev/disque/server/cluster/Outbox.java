/*
 * Outbox: the messages the job, queue and ack layers send to the other
 * holders of a job. They call it where the original talks to the cluster
 * (a requeue, a WORKING, an ack), and stay free of the bus: a lone node
 * simply has no other holders to send to.
 */
package dev.disque.server.cluster;

import dev.disque.server.job.Job;

public interface Outbox {
    /** QUEUED to the other holders: this node queued the job (counter: Message.Queued.COUNT_*). */
    void queued(Job job, int counter);

    /** WILLQUEUE to the other holders: this node will queue the job shortly. */
    void willQueue(Job job);

    /** WORKING to the other holders: a consumer is still working on the job. */
    void working(Job job);

    /** SETACK to one node that may hold the job; false if no link to it could take the message now. */
    boolean setAck(Job job, Node to);

    /** DELJOB to the other holders. */
    void delJob(Job job);

    /** DELJOB to every known node: FASTACK of a job this node does not know. */
    void delJobEverywhere(dev.disque.server.job.JobId id);

    /** PAUSE to every known node: the queue's pause flags everywhere (PAUSE ... BCAST). */
    void pause(dev.disque.server.core.ByteString queue, int flags);

    /** GOTACK to the node that sent a SETACK. */
    void gotAck(Node to, dev.disque.server.job.JobId id, boolean known);

    /** An outbox for a node that talks to nobody (before the bus is up). */
    Outbox NONE = new Outbox() {
        @Override public void queued(Job job, int counter) { }
        @Override public void willQueue(Job job) { }
        @Override public void working(Job job) { }
        @Override public boolean setAck(Job job, Node to) { return true; }
        @Override public void delJob(Job job) { }
        @Override public void gotAck(Node to, dev.disque.server.job.JobId id, boolean known) { }
        @Override public void delJobEverywhere(dev.disque.server.job.JobId id) { }
        @Override public void pause(dev.disque.server.core.ByteString queue, int flags) { }
    };
}
