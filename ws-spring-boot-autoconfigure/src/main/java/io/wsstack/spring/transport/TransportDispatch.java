package io.wsstack.spring.transport;

/**
 * Which threads one transport of the application runs each endpoint's handlers on, as the
 * {@code ws} Actuator endpoint reports it: {@code handler-dispatch} is only a wish, honoured by the
 * transports that decode on an event loop of ours (Tomcat's taken-over sockets, Reactor Netty); on
 * the servlet upgrade (Jetty, Tomcat connections that are not taken over) the container's threads
 * run handlers whatever it says. Every transport the application may serve connections on is a bean
 * of this type.
 */
public interface TransportDispatch {

    /** Handlers run off the event loop, on the session's handler lane. */
    String WORKER = "worker";
    /** Handlers run on the event loop that decodes the session's frames. */
    String EVENT_LOOP = "event-loop";
    /** Handlers run on the servlet container's threads (its own reads), whatever {@code handler-dispatch} says. */
    String CONTAINER = "container";

    /** The transport's name in the report, e.g. {@code tomcat-socket}, {@code servlet-upgrade}, {@code reactor-netty}. */
    String transport();

    /** Where the handlers of {@code endpoint} run on this transport: {@link #WORKER}, {@link #EVENT_LOOP} or {@link #CONTAINER}. */
    String dispatch(String endpoint);

    /**
     * Whether the application serves connections on this transport at all: false where the
     * transport's classes are present but another server runs (Tomcat's socket takeover on Jetty).
     */
    default boolean inUse() {
        return true;
    }

    /** A transport whose container threads run every endpoint's handlers. */
    static TransportDispatch containerThreads(String transport) {
        return new TransportDispatch() {
            @Override
            public String transport() {
                return transport;
            }

            @Override
            public String dispatch(String endpoint) {
                return CONTAINER;
            }
        };
    }
}
