/*
 * AofLoader: brings a node back from its append-only file, at start-up and
 * on DEBUG LOADAOF.
 *
 * It replays the records in order: a LOADJOB puts back a job that may still
 * be delivered, a DELJOB forgets one. Jobs acked, still waiting for their
 * copies, or expired while the node was down are left out. How a job then
 * resumes (its queueing time, its holders) is the job verbs' business; the
 * loader reaches them through a narrow Target, so it knows nothing of the
 * engine.
 */
package dev.disque.server.persist;

import dev.disque.server.cluster.Node;
import dev.disque.server.cluster.NodeSet;
import dev.disque.server.command.Args;
import dev.disque.server.config.ConfigException;
import dev.disque.server.config.ConfigFile;
import dev.disque.server.config.ServerConfig;
import dev.disque.server.core.ByteString;
import dev.disque.server.core.Clock;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobId;
import dev.disque.server.job.JobState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class AofLoader {
    private static final Logger log = LoggerFactory.getLogger(AofLoader.class);

    /** What replaying a file changes: the node's jobs, and who the other nodes are. */
    public interface Target {
        /** Puts back a job read from the file (see Jobs.restore); false if known already. */
        boolean restore(Job job, NodeSet holders, boolean requeueNow, long now);

        /** Forgets the job with this ID, if the node has it. */
        void delete(JobId id);

        /** The node with this ID, or null if this node does not know it. */
        Node lookupNode(String id);

        /** The one instance of this queue name that the node's jobs share. */
        ByteString sharedName(ByteString name);

        /** How many jobs the node holds. */
        int size();
    }

    private final ServerConfig config;
    private final Clock clock;
    private final Target target;

    public AofLoader(ServerConfig config, Clock clock, Target target) {
        this.config = config;
        this.clock = clock;
        this.target = target;
    }

    /** Loads the file at start-up, if AOF is on or a controlled restart asked for it. */
    public void startUp(Path file, boolean on) throws IOException, AofFormatException {
        boolean enqueueOnce = config.getBool("aof-enqueue-jobs-once");
        if (!(on || enqueueOnce) || !Files.exists(file)) return;
        load(file, enqueueOnce);
        if (enqueueOnce) {
            // A controlled restart happened: from now on, restarts requeue by retry timers again.
            try {
                config.set("aof-enqueue-jobs-once", "no");
                if (config.file() != null) ConfigFile.rewrite(config);
            } catch (IOException | ConfigException e) {
                log.warn("Could not switch aof-enqueue-jobs-once off in the config file: {}", e.getMessage());
            }
        }
    }

    /** Replays a file into the (empty) node. */
    public AofReader.Result load(Path file, boolean enqueueOnce) throws IOException, AofFormatException {
        long now = clock.millis();
        AofReader.Result r = AofReader.read(file, (argv, offset) -> {
            if (Args.is(argv[0], "loadjob")) {
                replayLoadJob(argv, now, enqueueOnce);
            } else if (Args.is(argv[0], "deljob")) {
                for (int i = 1; i < argv.length; i++) {
                    JobId id = JobId.parse(argv[i]);
                    if (id == null) throw new AofFormatException("bad job ID in DELJOB");
                    target.delete(id);
                }
            } else {
                throw new AofFormatException("unknown command '" + new String(argv[0], StandardCharsets.UTF_8)
                        + "' in the append only file");
            }
        });
        if (r.truncated) {
            if (!config.getBool("aof-load-truncated")) {
                throw new AofFormatException("Unexpected end of file reading the append only file at offset " + r.validUpTo
                        + " (file size " + r.size + "). Run disque-server --check-aof --fix " + file
                        + " to cut the damaged tail, or set aof-load-truncated yes.");
            }
            log.warn("!!! Warning: short read while loading the AOF file {}!!! The last record was cut at offset {} "
                    + "(file size {}): truncating the file to the last whole record.", file, r.validUpTo, r.size);
            AofReader.truncate(file, r.validUpTo);
        }
        log.info("DB loaded from append only file: {} jobs, {} records", target.size(), r.records);
        return r;
    }

    private void replayLoadJob(byte[][] argv, long now, boolean enqueueOnce) throws AofFormatException {
        AofRecords.Loaded l = AofRecords.decodeLoadJob(argv, target::sharedName);
        Job j = l.job;
        if (j.state() == JobState.ACKED || j.state() == JobState.WAIT_REPL) return;
        if (j.etime() <= now / 1000) return; // expired while the node was down
        boolean wasQueued = j.state() == JobState.QUEUED;
        NodeSet holders = NodeSet.EMPTY;
        for (String id : l.nodes) {
            Node n = target.lookupNode(id);
            if (n != null) holders = holders.with(n);
        }
        target.restore(j, holders, wasQueued && enqueueOnce, now);
    }
}
