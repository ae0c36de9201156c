package io.wsstack.spring.cluster;

/**
 * Hears what the cluster does, for meters. Called on publishing and broker threads: fast,
 * thread-safe, never throws. Arguments carry the target's kind only, never its name, so that tags
 * stay bounded.
 */
public interface WsClusterObserver {

    /** Why a publish failed. */
    enum Failure {
        /** The broker was unreachable: the publish was refused at once. */
        UNAVAILABLE,
        /** Too many publishes were already waiting for the broker. */
        OVERLOADED,
        /** The broker did not answer in time, or answered with an error. */
        ERROR
    }

    /** A message was handed to the broker for other instances. */
    default void published(WsClusterTarget.Kind kind) {
    }

    /** A publish failed; the message reached this instance's sessions only. */
    default void publishFailed(WsClusterTarget.Kind kind, Failure failure) {
    }

    /** A message from another instance arrived, {@code lagMillis} after it was published. */
    default void received(WsClusterTarget.Kind kind, long lagMillis) {
    }
}
