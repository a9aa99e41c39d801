package dev.disque.client;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.protocol.ProtocolVersion;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link DisqueClient}: Lettuce's {@link ClientOptions} for the transport (sockets, TLS, buffers), plus
 * what is Disque's own: how often to refresh the node table, and whether ADDJOB may be sent again after a connection
 * loss.
 *
 * <p>Some transport settings are fixed because Disque needs them: RESP2 (Disque's HELLO is not Redis 6's), no
 * automatic reconnect to the same node (the client moves to another node itself), no Redis maintenance
 * notifications, and command timeouts kept by the client so that blocking commands can wait longer.
 */
public final class DisqueClientOptions {
    /** Default period of the HELLO refresh. */
    public static final Duration DEFAULT_REFRESH_PERIOD = Duration.ofSeconds(30);

    private final ClientOptions clientOptions;
    private final Duration nodeRefreshPeriod;
    private final boolean retryAddJob;
    private final int maxIdleBlockingConnections;
    private final boolean spreadOverEqualNodes;

    private DisqueClientOptions(Builder b) {
        this.spreadOverEqualNodes = b.spreadOverEqualNodes;
        this.clientOptions = b.clientOptions;
        this.nodeRefreshPeriod = b.nodeRefreshPeriod;
        this.retryAddJob = b.retryAddJob;
        this.maxIdleBlockingConnections = b.maxIdleBlockingConnections;
    }

    /** @return the defaults */
    public static DisqueClientOptions create() {
        return builder().build();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder that starts from these options */
    public Builder mutate() {
        return new Builder().clientOptions(clientOptions).nodeRefreshPeriod(nodeRefreshPeriod).retryAddJob(retryAddJob)
                .maxIdleBlockingConnections(maxIdleBlockingConnections).spreadOverEqualNodes(spreadOverEqualNodes);
    }

    /** @return the transport options as given */
    public ClientOptions getClientOptions() {
        return clientOptions;
    }

    /**
     * The transport options the client really uses: the given ones with RESP2, no auto-reconnect, no maintenance
     * notifications and no Lettuce-side command timeouts.
     *
     * @return the effective Lettuce options
     */
    public ClientOptions effectiveClientOptions() {
        return clientOptions.mutate()
                .protocolVersion(ProtocolVersion.RESP2)
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .maintNotificationsConfig(MaintNotificationsConfig.disabled())
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
                .build();
    }

    /** @return how often HELLO refreshes the node table; zero when disabled */
    public Duration getNodeRefreshPeriod() {
        return nodeRefreshPeriod;
    }

    /** @return true if ADDJOB may be sent again after the connection was lost with the command in flight */
    public boolean isRetryAddJob() {
        return retryAddJob;
    }

    /** @return how many idle connections for blocking GETJOB are kept per node */
    public int getMaxIdleBlockingConnections() {
        return maxIdleBlockingConnections;
    }

    /** @return true if a new connection picks at random among the equally good nodes HELLO reports */
    public boolean isSpreadOverEqualNodes() {
        return spreadOverEqualNodes;
    }

    /** Builds {@link DisqueClientOptions}. */
    public static final class Builder {
        private ClientOptions clientOptions = ClientOptions.create();
        private Duration nodeRefreshPeriod = DEFAULT_REFRESH_PERIOD;
        private boolean retryAddJob;
        private int maxIdleBlockingConnections = 4;
        private boolean spreadOverEqualNodes;

        private Builder() {
        }

        /**
         * @param options Lettuce's transport options (socket, TLS, buffers, ...)
         * @return this
         */
        public Builder clientOptions(ClientOptions options) {
            this.clientOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * @param period how often HELLO refreshes the node table (and the client moves to a better node);
         *     {@link Duration#ZERO} disables the periodic refresh (it still runs on every reconnect)
         * @return this
         */
        public Builder nodeRefreshPeriod(Duration period) {
            if (period == null || period.isNegative()) throw new IllegalArgumentException("period must be 0 or more");
            this.nodeRefreshPeriod = period;
            return this;
        }

        /**
         * Consent to send an ADDJOB again on another node when the connection was lost after it was sent. The job
         * may then exist twice. Off by default: ADDJOB is retried only when it surely was not sent.
         *
         * @param retry true to allow
         * @return this
         */
        public Builder retryAddJob(boolean retry) {
            this.retryAddJob = retry;
            return this;
        }

        /**
         * @param max idle blocking-GETJOB connections kept per node, 0 or more
         * @return this
         */
        public Builder maxIdleBlockingConnections(int max) {
            if (max < 0) throw new IllegalArgumentException("max must be 0 or more");
            this.maxIdleBlockingConnections = max;
            return this;
        }

        /**
         * Whether a new connection, once HELLO has shown the cluster, moves at random to one of the nodes as good
         * as the seed it reached, so that many clients given the same one seed spread over the cluster. Off by
         * default: a URI that names one node means that node (administration such as CLUSTER LEAVING or CONFIG SET
         * must reach it); several seeds are tried in random order among equals either way.
         *
         * @param spread true to spread
         * @return this
         */
        public Builder spreadOverEqualNodes(boolean spread) {
            this.spreadOverEqualNodes = spread;
            return this;
        }

        /** @return the options */
        public DisqueClientOptions build() {
            return new DisqueClientOptions(this);
        }
    }
}
