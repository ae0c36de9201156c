package io.wsstack.core;

/**
 * Limits and behaviour switches of one {@link Connection}. Immutable; build with {@link #builder()}.
 *
 * <p>Every limit is enforced while bytes arrive, never from lengths the peer declares: a frame
 * header announcing more than {@link #maxFrameSize()} is refused with 1009 before any of its
 * payload is read, and messages grow only as their data actually arrives.
 */
public final class ConnectionSettings {

    /** One mebibyte, the default frame and message limit. */
    private static final int ONE_MIB = 1 << 20;

    /** Frame and message limits of 1 MiB, 4096 fragments, automatic pongs, whole-message delivery. */
    public static final ConnectionSettings DEFAULTS = new Builder().build();

    private final int maxFrameSize;
    private final long maxMessageSize;
    private final int maxFragments;
    private final boolean autoPong;
    private final boolean streaming;
    private final boolean holdOwedClose;
    private final InboundBudget inboundBudget;
    /** {@link #holdingOwedClose()}, made once: every session of an endpoint shares it. */
    private volatile ConnectionSettings holdingOwedClose;

    private ConnectionSettings(Builder b) {
        this.maxFrameSize = b.maxFrameSize;
        this.maxMessageSize = b.maxMessageSize;
        this.maxFragments = b.maxFragments;
        this.autoPong = b.autoPong;
        this.streaming = b.streaming;
        this.holdOwedClose = b.holdOwedClose;
        this.inboundBudget = b.inboundBudget;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder()
                .maxFrameSize(maxFrameSize)
                .maxMessageSize(maxMessageSize)
                .maxFragments(maxFragments)
                .autoPong(autoPong)
                .streaming(streaming)
                .holdOwedClose(holdOwedClose)
                .inboundBudget(inboundBudget);
    }

    /**
     * The largest payload, in bytes, of one incoming frame. A header declaring more closes the
     * connection with 1009 before any payload is read. Default 1 MiB.
     */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /**
     * The largest incoming message, in bytes, summed over its fragments and measured after
     * inflation when compressed. Exceeding it closes with 1009. Default 1 MiB.
     */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * The most frames one incoming message may be split into. Exceeding it closes with 1009, so a
     * stream of tiny continuations cannot keep a message open forever. Default 4096.
     */
    public int maxFragments() {
        return maxFragments;
    }

    /** Whether every ping is answered with a pong carrying the same payload. Default true. */
    public boolean autoPong() {
        return autoPong;
    }

    /**
     * Whether incoming messages are delivered piece by piece ({@code onTextFragment},
     * {@code onBinaryFragment}) instead of whole. Default false.
     */
    public boolean streaming() {
        return streaming;
    }

    /**
     * Whether the Close frames the connection owes are held until {@link Connection#sendOwedClose()}
     * instead of being sent the moment their cause is decoded: the reply to the peer's Close
     * (RFC 6455 §5.5.1) and the Close for a violation (§7.1.7). Either way the connection stops
     * reading at once and reports {@code onClose} / {@code onProtocolError}; while the Close is
     * held, messages can still be sent. A transport that decodes ahead of its handlers (decoding on
     * an I/O thread, handlers on another) holds it so that the answers to the messages decoded
     * before it still go out first: nothing may follow a Close. Default false.
     */
    public boolean holdOwedClose() {
        return holdOwedClose;
    }

    /**
     * These settings with {@link #holdOwedClose()} on: the same instance every time, so that the
     * connections of a transport that decodes ahead (thousands of them) share one settings object.
     */
    public ConnectionSettings holdingOwedClose() {
        if (holdOwedClose) {
            return this;
        }
        ConnectionSettings held = holdingOwedClose;
        if (held == null) {
            // A race makes two equal instances, one of which is kept: harmless.
            held = toBuilder().holdOwedClose(true).build();
            holdingOwedClose = held;
        }
        return held;
    }

    /**
     * The budget shared with other connections for the bytes of messages being assembled; over it a
     * message fails with 1013. Default {@link InboundBudget#unlimited()}.
     */
    public InboundBudget inboundBudget() {
        return inboundBudget;
    }

    @Override
    public String toString() {
        return "ConnectionSettings[maxFrameSize=" + maxFrameSize + ", maxMessageSize=" + maxMessageSize
                + ", maxFragments=" + maxFragments + ", autoPong=" + autoPong + ", streaming=" + streaming
                + ", holdOwedClose=" + holdOwedClose + "]";
    }

    /** Builds {@link ConnectionSettings}; every limit must be positive. */
    public static final class Builder {
        private int maxFrameSize = ONE_MIB;
        private long maxMessageSize = ONE_MIB;
        private int maxFragments = 4096;
        private boolean autoPong = true;
        private boolean streaming;
        private boolean holdOwedClose;
        private InboundBudget inboundBudget = InboundBudget.unlimited();

        private Builder() {
        }

        /** Sets {@link ConnectionSettings#maxFrameSize()}; must be positive. */
        public Builder maxFrameSize(int bytes) {
            this.maxFrameSize = requirePositive(bytes, "maxFrameSize");
            return this;
        }

        /** Sets {@link ConnectionSettings#maxMessageSize()}; must be positive. */
        public Builder maxMessageSize(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxMessageSize must be positive: " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /** Sets {@link ConnectionSettings#maxFragments()}; must be positive. */
        public Builder maxFragments(int frames) {
            this.maxFragments = requirePositive(frames, "maxFragments");
            return this;
        }

        /** Sets {@link ConnectionSettings#autoPong()}. */
        public Builder autoPong(boolean autoPong) {
            this.autoPong = autoPong;
            return this;
        }

        /** Sets {@link ConnectionSettings#streaming()}. */
        public Builder streaming(boolean streaming) {
            this.streaming = streaming;
            return this;
        }

        /** Sets {@link ConnectionSettings#holdOwedClose()}. */
        public Builder holdOwedClose(boolean hold) {
            this.holdOwedClose = hold;
            return this;
        }

        /** Sets {@link ConnectionSettings#inboundBudget()}. */
        public Builder inboundBudget(InboundBudget budget) {
            this.inboundBudget = java.util.Objects.requireNonNull(budget, "budget");
            return this;
        }

        /** The immutable settings. */
        public ConnectionSettings build() {
            return new ConnectionSettings(this);
        }

        private static int requirePositive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
