package io.wsstack.spring.cluster.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.wsstack.spring.WsSession;
import io.wsstack.spring.cluster.LocalMembers;
import io.wsstack.spring.cluster.WsCluster;
import io.wsstack.spring.cluster.WsClusterHistoryEntry;
import io.wsstack.spring.cluster.WsClusterObserver;
import io.wsstack.spring.cluster.WsClusterObserver.Failure;
import io.wsstack.spring.cluster.WsClusterSend;
import io.wsstack.spring.cluster.WsClusterState;
import io.wsstack.spring.cluster.WsClusterTarget;
import io.wsstack.spring.cluster.WsClusterUnavailableException;
import io.wsstack.spring.transport.MessageFanOut;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link WsCluster} over Redis pub/sub, on a Lettuce client (the one Spring Boot builds from
 * {@code spring.data.redis.*}).
 *
 * <p><b>Routing.</b> Each endpoint, group, user and session with members on this instance has a
 * channel, subscribed when the first local member arrives and unsubscribed when the last leaves, so
 * an instance receives only traffic it has someone to deliver to. A send delivers to local members
 * first, then publishes once; receivers skip their own messages.
 *
 * <p><b>Failures.</b> Publishes go out on one connection without waiting, so one publisher's
 * messages to one target keep their order. While the connection is down a publish fails at once,
 * as does one that would exceed {@code maxPendingPublishes} waiting for Redis or that waits longer
 * than {@code publishTimeout}; each failure is counted, nothing is queued for later. Lettuce
 * reconnects and re-subscribes by itself; the heartbeat re-subscribes every channel again after
 * any reconnect in case a subscription was lost in between, connects in the first place if Redis
 * was down at start-up, and refreshes this instance's presence.
 */
public final class RedisWsCluster implements WsCluster, SmartLifecycle, LocalMembers.Routing {

    /** Stops after the transport has closed its sessions (their leaving still reaches Redis), before Redis's client stops. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private static final Log log = LogFactory.getLog(RedisWsCluster.class);

    private final RedisClient client;
    private final LocalMembers members;
    private final RedisClusterSettings settings;
    private final WsClusterObserver observer;
    private final Clock clock = Clock.systemUTC();
    private final String instanceId = UUID.randomUUID().toString();
    private final RedisKeys keys;
    private final RedisPresence presence;
    private final RedisGroupHistory history;
    /** Channels that should be subscribed now, with their targets. */
    private final Map<String, WsClusterTarget> subscribed = new ConcurrentHashMap<>();
    /** Each subscribed channel's SUBSCRIBE, completed once Redis confirmed it. */
    private final Map<String, CompletableFuture<?>> confirmations = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private volatile StatefulRedisConnection<byte[], byte[]> commands;
    private volatile StatefulRedisPubSubConnection<byte[], byte[]> pubsub;
    private volatile boolean wasConnected;
    private volatile boolean running;
    private ScheduledExecutorService heartbeat;

    public RedisWsCluster(RedisClient client, LocalMembers members, RedisClusterSettings settings, WsClusterObserver observer) {
        this.client = client;
        this.members = members;
        this.settings = settings;
        this.observer = observer;
        this.keys = new RedisKeys(settings.prefix());
        this.presence = new RedisPresence(keys, instanceId, settings.presenceExpiry().toMillis());
        this.history = new RedisGroupHistory(keys, settings.history(), clock);
    }

    // --- lifecycle ---------------------------------------------------------------------------

    @Override
    public void start() {
        running = true;
        heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ws-cluster-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        members.route(this);
        beat();
        long interval = settings.heartbeatInterval().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Leaves the cluster at once: presence removed, channels unsubscribed, connections closed. */
    @Override
    public void stop() {
        running = false;
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        StatefulRedisConnection<byte[], byte[]> connection = commands;
        if (connection != null && connection.isOpen()) {
            try {
                presence.leave(connection.async());
                connection.async().ping().get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (Exception e) {
                log.debug("Could not remove this instance's presence; it expires on its own", e);
            }
        }
        closeConnections();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** One heartbeat: connect if not yet connected, re-subscribe after a reconnect, refresh presence. */
    private void beat() {
        try {
            if (commands == null || pubsub == null) {
                connect();
            }
            boolean connected = connected();
            if (connected && !wasConnected) {
                resubscribeAll();
            }
            wasConnected = connected;
            if (connected) {
                members.withCounts(counts -> presence.heartbeat(commands.async(), counts));
            }
        }
        catch (RuntimeException e) {
            wasConnected = false;
            log.debug("Cluster heartbeat failed; retrying in " + settings.heartbeatInterval(), e);
        }
    }

    private synchronized void connect() {
        if (commands == null) {
            commands = client.connect(ByteArrayCodec.INSTANCE);
        }
        if (pubsub == null) {
            StatefulRedisPubSubConnection<byte[], byte[]> connection = client.connectPubSub(ByteArrayCodec.INSTANCE);
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(byte[] channel, byte[] message) {
                    onMessage(channel, message);
                }
            });
            pubsub = connection;
        }
        log.info("Joined the WebSocket cluster as instance " + instanceId);
    }

    private void resubscribeAll() {
        StatefulRedisPubSubConnection<byte[], byte[]> connection = pubsub;
        byte[][] channels = subscribed.keySet().stream().map(RedisKeys::bytes).toArray(byte[][]::new);
        if (connection != null && channels.length > 0) {
            connection.async().subscribe(channels);
        }
    }

    private synchronized void closeConnections() {
        if (pubsub != null) {
            pubsub.closeAsync();
            pubsub = null;
        }
        if (commands != null) {
            commands.closeAsync();
            commands = null;
        }
    }

    private boolean connected() {
        StatefulRedisConnection<byte[], byte[]> c = commands;
        StatefulRedisPubSubConnection<byte[], byte[]> p = pubsub;
        return c != null && p != null && c.isOpen() && p.isOpen();
    }

    // --- routing (called under the members lock) ---------------------------------------------

    @Override
    public void firstMember(WsClusterTarget target) {
        String channel = keys.channel(target);
        subscribed.put(channel, target);
        StatefulRedisPubSubConnection<byte[], byte[]> connection = pubsub;
        if (connection != null && connection.isOpen()) {
            confirmations.put(channel, connection.async().subscribe(RedisKeys.bytes(channel)).toCompletableFuture());
        }
    }

    @Override
    public void lastMemberLeft(WsClusterTarget target) {
        String channel = keys.channel(target);
        subscribed.remove(channel);
        confirmations.remove(channel);
        StatefulRedisPubSubConnection<byte[], byte[]> connection = pubsub;
        if (connection != null && connection.isOpen()) {
            connection.async().unsubscribe(RedisKeys.bytes(channel));
        }
    }

    @Override
    public void countChanged(WsClusterTarget target, int count) {
        StatefulRedisConnection<byte[], byte[]> connection = commands;
        if (connection != null && connection.isOpen()) {
            presence.countChanged(connection.async(), target, count);
        }
    }

    // --- receiving ----------------------------------------------------------------------------

    private void onMessage(byte[] channel, byte[] message) {
        WsClusterTarget target = subscribed.get(new String(channel, StandardCharsets.UTF_8));
        ClusterEnvelope envelope = ClusterEnvelope.decode(message);
        if (target == null || envelope == null || envelope.origin().equals(instanceId)) {
            return;
        }
        received.incrementAndGet();
        observer.received(target.kind(), Math.max(0, clock.millis() - envelope.publishedAt()));
        MessageFanOut.deliver(members.members(target), s -> true, envelope.text(), envelope.payload(), null);
    }

    // --- sending ------------------------------------------------------------------------------

    @Override
    public CompletableFuture<WsClusterSend> send(WsClusterTarget target, String text) {
        return send(target, true, StandardCharsets.UTF_8.encode(text).asReadOnlyBuffer());
    }

    @Override
    public CompletableFuture<WsClusterSend> send(WsClusterTarget target, ByteBuffer data) {
        return send(target, false, data.asReadOnlyBuffer());
    }

    private CompletableFuture<WsClusterSend> send(WsClusterTarget target, boolean text, ByteBuffer payload) {
        int local = members.count(target);
        CompletableFuture<Integer> localDelivery = MessageFanOut.deliver(members.members(target), s -> true, text, payload, null);
        // A session lives on one instance only: if it is here, nobody else needs the message.
        if (target.kind() == WsClusterTarget.Kind.SESSION && local > 0) {
            return localDelivery.thenApply(n -> new WsClusterSend(n, 0));
        }
        String channel = keys.channel(target);
        boolean selfSubscribed = subscribed.containsKey(channel);
        StatefulRedisConnection<byte[], byte[]> connection = commands;
        if (connection == null || !connection.isOpen()) {
            return fail(target, Failure.UNAVAILABLE, localDelivery, "Redis is unreachable", null);
        }
        if (pending.incrementAndGet() > settings.maxPendingPublishes()) {
            pending.decrementAndGet();
            return fail(target, Failure.OVERLOADED, localDelivery,
                    settings.maxPendingPublishes() + " publishes are already waiting for Redis", null);
        }
        long now = clock.millis();
        ClusterEnvelope envelope = new ClusterEnvelope(instanceId, now, text, payload);
        RedisAsyncCommands<byte[], byte[]> redis = connection.async();
        if (target.kind() == WsClusterTarget.Kind.GROUP && history.enabled()) {
            history.append(redis, target.name(), now, text, payload);
        }
        CompletableFuture<Long> publish = redis.publish(RedisKeys.bytes(channel), envelope.encode()).toCompletableFuture()
                .orTimeout(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return publish.handle((receivers, error) -> {
            pending.decrementAndGet();
            return error;
        }).thenCompose(error -> localDelivery.thenCompose(n -> {
            if (error != null) {
                return fail(target, Failure.ERROR, localDelivery, "Redis did not take the message", error);
            }
            published.incrementAndGet();
            observer.published(target.kind());
            long receivers = publish.join();
            return CompletableFuture.completedFuture(new WsClusterSend(n, Math.max(0, receivers - (selfSubscribed ? 1 : 0))));
        }));
    }

    private CompletableFuture<WsClusterSend> fail(WsClusterTarget target, Failure failure,
            CompletableFuture<Integer> localDelivery, String why, Throwable cause) {
        failed.incrementAndGet();
        observer.publishFailed(target.kind(), failure);
        return localDelivery.thenCompose(n -> CompletableFuture.failedFuture(new WsClusterUnavailableException(
                "Message for " + target.kind().name().toLowerCase() + " reached this instance only: " + why, n, cause)));
    }

    // --- groups, presence, history ------------------------------------------------------------

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public CompletableFuture<Boolean> join(WsSession session, String group) {
        if (!members.join(session, group)) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<?> confirmed = confirmations.get(keys.channel(WsClusterTarget.group(group)));
        if (confirmed == null) {
            return CompletableFuture.completedFuture(true);
        }
        // A copy, so that the timeout never cancels the SUBSCRIBE itself; a failure still leaves the session a local member.
        return confirmed.copy().orTimeout(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((ok, error) -> true);
    }

    @Override
    public boolean leave(WsSession session, String group) {
        return members.leave(session, group);
    }

    @Override
    public Set<String> groups(WsSession session) {
        return members.groups(session);
    }

    @Override
    public CompletableFuture<Long> count(WsClusterTarget target) {
        int local = members.count(target);
        if (target.kind() == WsClusterTarget.Kind.SESSION && local > 0) {
            return CompletableFuture.completedFuture(1L);
        }
        StatefulRedisConnection<byte[], byte[]> connection = commands;
        if (connection == null || !connection.isOpen()) {
            return CompletableFuture.failedFuture(new WsClusterUnavailableException(
                    "Redis is unreachable: cluster-wide counts are unknown", 0, null));
        }
        if (target.kind() == WsClusterTarget.Kind.SESSION) {
            // A session's channel has a subscriber exactly while the session is open somewhere.
            return connection.async().pubsubNumsub(RedisKeys.bytes(keys.channel(target))).toCompletableFuture()
                    .thenApply(counts -> counts.values().stream().mapToLong(Long::longValue).sum() > 0 ? 1L : 0L);
        }
        return presence.count(connection.async(), target, local);
    }

    @Override
    public CompletableFuture<List<WsClusterHistoryEntry>> history(String group, String afterOffset, int limit) {
        if (!history.enabled() || limit <= 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        return withConnection(redis -> history.after(redis, group, afterOffset, limit));
    }

    @Override
    public CompletableFuture<List<WsClusterHistoryEntry>> recentHistory(String group, int count) {
        if (!history.enabled() || count <= 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        return withConnection(redis -> history.recent(redis, group, count));
    }

    private <T> CompletableFuture<T> withConnection(
            java.util.function.Function<RedisAsyncCommands<byte[], byte[]>, CompletableFuture<T>> read) {
        StatefulRedisConnection<byte[], byte[]> connection = commands;
        if (connection == null || !connection.isOpen()) {
            return CompletableFuture.failedFuture(new WsClusterUnavailableException("Redis is unreachable", 0, null));
        }
        return read.apply(connection.async()).orTimeout(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public WsClusterState state() {
        return new WsClusterState("redis", instanceId, connected(), subscribed.size(), pending.get(),
                published.get(), received.get(), failed.get());
    }
}
