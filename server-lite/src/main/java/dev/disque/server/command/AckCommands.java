/*
 * AckCommands: ACKJOB (acknowledge and garbage-collect across holders)
 * and FASTACK (delete here and DELJOB to the holders, best effort).
 */
package dev.disque.server.command;

import dev.disque.server.ack.AckGc;
import dev.disque.server.core.Client;
import dev.disque.server.core.Engine;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobId;

public final class AckCommands {
    private final Engine engine;
    private final AckGc ackGc;

    public AckCommands(Engine engine, AckGc ackGc) {
        this.engine = engine;
        this.ackGc = ackGc;
    }

    public void register(CommandTable t) {
        t.add(new Command("ackjob", -1, "wF", this::ackjob));
        t.add(new Command("fastack", -1, "wF", this::fastack));
    }

    void ackjob(Client c, byte[][] argv) {
        Args.checkJobIds(argv, 1);
        int known = 0;
        for (int i = 1; i < argv.length; i++) {
            if (ackGc.ack(argv[i])) known++;
        }
        c.integer(known);
    }

    void fastack(Client c, byte[][] argv) {
        int known = 0;
        for (JobId id : Args.jobIds(argv, 1)) {
            Job job = engine.registry().lookup(id);
            // Best effort: tell whoever may hold a copy, every node when we do not know.
            if (job == null) {
                engine.outbox().delJobEverywhere(id);
                continue;
            }
            engine.outbox().delJob(job);
            engine.jobs().delete(job);
            known++;
        }
        c.integer(known);
    }
}
