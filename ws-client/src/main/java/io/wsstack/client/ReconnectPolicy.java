package io.wsstack.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * When a {@link ReconnectingSession} tries again, and what it does with messages sent meanwhile.
 * Immutable; build with {@link #builder()}.
 *
 * <p><b>Backoff.</b> The n-th attempt after a loss waits a random time between zero and
 * {@code min(maxDelay, initialDelay × multiplier^(n-1))} ("full jitter"): after a server restart its
 * clients come back spread over the window instead of all at once. A successful open resets the count.
 *
 * <p><b>Giving up.</b> After {@link Builder#maxAttempts} failed attempts in a row, or once
 * {@link Builder#maxElapsed} has passed since the connection was lost, or at the first outcome the
 * {@link Builder#retryIf retry predicate} rejects (by default {@link Disconnect#retriedByDefault()}).
 *
 * <p><b>Sends while disconnected</b> are refused by default (the future fails with
 * {@link IllegalStateException}), so that nothing silently waits; {@link Builder#queueWhileDisconnected}
 * keeps them instead, within a byte bound, and sends them after the next open, once the listener's
 * {@code onOpen} (the place to resubscribe) has run.
 */
public final class ReconnectPolicy {

    private final Duration initialDelay;
    private final Duration maxDelay;
    private final double multiplier;
    private final int maxAttempts;
    private final Duration maxElapsed;
    private final Predicate<Disconnect> retryIf;
    private final long queueWhileDisconnected;
    private final DoubleSupplier random;
    private final LongSupplier nanoTime;

    private ReconnectPolicy(Builder b) {
        this.initialDelay = b.initialDelay;
        this.maxDelay = b.maxDelay;
        this.multiplier = b.multiplier;
        this.maxAttempts = b.maxAttempts;
        this.maxElapsed = b.maxElapsed;
        this.retryIf = b.retryIf;
        this.queueWhileDisconnected = b.queueWhileDisconnected;
        this.random = b.random;
        this.nanoTime = b.nanoTime;
    }

    /** A builder with the defaults listed on each of its methods. */
    public static Builder builder() {
        return new Builder();
    }

    /** The default policy: 1 s initial delay doubling up to 30 s, unlimited attempts, default outcomes, sends refused. */
    public static ReconnectPolicy defaults() {
        return builder().build();
    }

    /**
     * The delay before attempt {@code attempt} (1 for the first retry): uniformly random between zero and
     * the exponential bound capped at {@code maxDelay}.
     */
    public Duration delayBefore(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1: " + attempt);
        }
        double bound = initialDelay.toNanos() * Math.pow(multiplier, attempt - 1);
        double capped = Math.min(bound, maxDelay.toNanos());
        return Duration.ofNanos((long) (capped * random.getAsDouble()));
    }

    /**
     * Whether to try again after {@code cause}, given the attempts that already failed since the loss
     * ({@code failedAttempts}, zero right after an open session ended) and the time since the loss.
     */
    public boolean shouldRetry(Disconnect cause, int failedAttempts, Duration sinceLoss) {
        if (!retryIf.test(cause)) {
            return false;
        }
        if (maxAttempts > 0 && failedAttempts >= maxAttempts) {
            return false;
        }
        return maxElapsed.isZero() || sinceLoss.compareTo(maxElapsed) < 0;
    }

    /** Most bytes of messages kept while disconnected; zero means sends are refused. */
    public long queueWhileDisconnected() {
        return queueWhileDisconnected;
    }

    /** The clock the policy measures elapsed time with. */
    long nanoTime() {
        return nanoTime.getAsLong();
    }

    /** Builds a {@link ReconnectPolicy}. Every setter checks its argument at once. */
    public static final class Builder {
        private Duration initialDelay = Duration.ofSeconds(1);
        private Duration maxDelay = Duration.ofSeconds(30);
        private double multiplier = 2;
        private int maxAttempts;
        private Duration maxElapsed = Duration.ZERO;
        private Predicate<Disconnect> retryIf = Disconnect::retriedByDefault;
        private long queueWhileDisconnected;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private LongSupplier nanoTime = System::nanoTime;

        private Builder() {
        }

        /** The backoff bound of the first retry. Default 1 s. */
        public Builder initialDelay(Duration delay) {
            this.initialDelay = positive(delay, "initialDelay");
            return this;
        }

        /** The cap of the backoff bound. Default 30 s. */
        public Builder maxDelay(Duration delay) {
            this.maxDelay = positive(delay, "maxDelay");
            return this;
        }

        /** How much the bound grows per failed attempt; at least 1. Default 2. */
        public Builder multiplier(double multiplier) {
            if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
            }
            this.multiplier = multiplier;
            return this;
        }

        /** Gives up after this many failed attempts in a row; zero (the default) for no limit. */
        public Builder maxAttempts(int attempts) {
            if (attempts < 0) {
                throw new IllegalArgumentException("maxAttempts must not be negative: " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** Gives up once this long has passed since the connection was lost; zero (the default) for no limit. */
        public Builder maxElapsed(Duration elapsed) {
            if (elapsed == null || elapsed.isNegative()) {
                throw new IllegalArgumentException("maxElapsed must not be negative: " + elapsed);
            }
            this.maxElapsed = elapsed;
            return this;
        }

        /**
         * Decides which outcomes are retried. Default {@link Disconnect#retriedByDefault()}; extend it
         * rather than replace it, e.g. {@code d -> d.retriedByDefault() || d.handshakeStatus() == 401}
         * for a token that a handshake header supplier refreshes.
         */
        public Builder retryIf(Predicate<Disconnect> predicate) {
            this.retryIf = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /**
         * Keeps messages sent while disconnected, up to this many payload bytes in all, and sends them
         * after the next open; a send beyond the bound fails with {@link SendBufferFullException}, and
         * when the session gives up, the kept ones fail. Zero (the default) refuses every such send.
         */
        public Builder queueWhileDisconnected(long maxBytes) {
            if (maxBytes < 0) {
                throw new IllegalArgumentException("queueWhileDisconnected must not be negative: " + maxBytes);
            }
            this.queueWhileDisconnected = maxBytes;
            return this;
        }

        /** The source of jitter, values in [0, 1). Default {@link ThreadLocalRandom}; tests fix it. */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** The clock for {@link #maxElapsed}, in nanoseconds. Default {@link System#nanoTime()}; tests fix it. */
        public Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /** The immutable policy. */
        public ReconnectPolicy build() {
            if (maxDelay.compareTo(initialDelay) < 0) {
                throw new IllegalArgumentException("maxDelay " + maxDelay + " is shorter than initialDelay " + initialDelay);
            }
            return new ReconnectPolicy(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
