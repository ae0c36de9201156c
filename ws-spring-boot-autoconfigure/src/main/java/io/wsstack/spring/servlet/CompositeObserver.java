package io.wsstack.spring.servlet;

import io.wsstack.spring.WsObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls every registered {@link WsObserver} in turn. An observer that throws despite its contract is
 * logged and skipped, so a broken meter can never break a session. Plain loops, no lambdas: the
 * per-message calls allocate nothing.
 */
final class CompositeObserver implements WsObserver {

    private static final Log log = LogFactory.getLog(CompositeObserver.class);

    private final WsObserver[] observers;
    /**
     * Each endpoint's binding, made once and shared by its sessions (a binding is per endpoint, see
     * {@link WsObserver#bind}): a session then holds a reference, not an object of its own.
     */
    private final Map<String, EndpointObserver> bindings = new ConcurrentHashMap<>();

    CompositeObserver(List<? extends WsObserver> observers) {
        this.observers = observers.toArray(new WsObserver[0]);
    }

    private static void failed(Object observer, RuntimeException e) {
        log.warn("WsObserver " + observer.getClass().getName() + " threw; ignored", e);
    }

    /** The observers' bindings for one endpoint, the same for each of its sessions. */
    @Override
    public EndpointObserver bind(String endpoint) {
        EndpointObserver bound = bindings.get(endpoint);
        return bound != null ? bound : bindings.computeIfAbsent(endpoint, this::bindAll);
    }

    /** Binds every observer to the endpoint; those that hear nothing per message are left out. */
    private EndpointObserver bindAll(String endpoint) {
        java.util.List<EndpointObserver> bound = new java.util.ArrayList<>(observers.length);
        for (WsObserver observer : observers) {
            try {
                EndpointObserver one = observer.bind(endpoint);
                if (one != null && one != EndpointObserver.NONE) {
                    bound.add(one);
                }
            } catch (RuntimeException e) {
                failed(observer, e);
            }
        }
        return bound.isEmpty() ? EndpointObserver.NONE : new Bound(bound.toArray(new EndpointObserver[0]));
    }

    @Override
    public void handshakeRefused(String endpoint, RefusalReason reason, int status) {
        for (WsObserver o : observers) {
            try {
                o.handshakeRefused(endpoint, reason, status);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    @Override
    public void sessionOpened(String endpoint, boolean compressed) {
        for (WsObserver o : observers) {
            try {
                o.sessionOpened(endpoint, compressed);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    @Override
    public void sessionClosed(String endpoint, int closeCode) {
        for (WsObserver o : observers) {
            try {
                o.sessionClosed(endpoint, closeCode);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    @Override
    public void messageReceived(String endpoint, MessageType type, long payloadBytes, long wireBytes) {
        for (WsObserver o : observers) {
            try {
                o.messageReceived(endpoint, type, payloadBytes, wireBytes);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    @Override
    public void messageSent(String endpoint, MessageType type, long payloadBytes, long wireBytes) {
        for (WsObserver o : observers) {
            try {
                o.messageSent(endpoint, type, payloadBytes, wireBytes);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    @Override
    public void handlerInvoked(String endpoint, long nanos, boolean failed) {
        for (WsObserver o : observers) {
            try {
                o.handlerInvoked(endpoint, nanos, failed);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    @Override
    public void outboundQueueChanged(String endpoint, long delta) {
        for (WsObserver o : observers) {
            try {
                o.outboundQueueChanged(endpoint, delta);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    @Override
    public void slowConsumer(String endpoint, SlowConsumerAction action) {
        for (WsObserver o : observers) {
            try {
                o.slowConsumer(endpoint, action);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    @Override
    public void protocolError(String endpoint, int closeCode) {
        for (WsObserver o : observers) {
            try {
                o.protocolError(endpoint, closeCode);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    /** The bound observers of one endpoint, called in turn with the same isolation. */
    private static final class Bound implements EndpointObserver {

        private final EndpointObserver[] bound;
        private final boolean takesTotals;

        Bound(EndpointObserver[] bound) {
            this.bound = bound;
            boolean all = true;
            for (EndpointObserver o : bound) {
                all &= o.takesTotals();
            }
            // Totals only when every observer sums; one that looks at each message gets them one by one, as all then do.
            this.takesTotals = all;
        }

        @Override
        public boolean takesTotals() {
            return takesTotals;
        }

        /** Asked per call, as each observer's answer may depend on how its meter turned out. */
        @Override
        public boolean takesHandlerTotals() {
            for (EndpointObserver o : bound) {
                if (!o.takesHandlerTotals()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void handlersInvoked(long count, long totalNanos, long maxNanos, long endNanos) {
            for (EndpointObserver o : bound) {
                try {
                    o.handlersInvoked(count, totalNanos, maxNanos, endNanos);
                } catch (RuntimeException e) {
                    failed(o, e);
                }
            }
        }

        @Override
        public void messagesReceived(MessageType type, long count, long payloadBytes, long wireBytes) {
            for (EndpointObserver o : bound) {
                try {
                    o.messagesReceived(type, count, payloadBytes, wireBytes);
                } catch (RuntimeException e) {
                    failed(o, e);
                }
            }
        }

        @Override
        public void messagesSent(MessageType type, long count, long payloadBytes, long wireBytes) {
            for (EndpointObserver o : bound) {
                try {
                    o.messagesSent(type, count, payloadBytes, wireBytes);
                } catch (RuntimeException e) {
                    failed(o, e);
                }
            }
        }

        @Override
        public void messageReceived(MessageType type, long payloadBytes, long wireBytes) {
            for (EndpointObserver o : bound) {
                try {
                    o.messageReceived(type, payloadBytes, wireBytes);
                } catch (RuntimeException e) {
                    failed(o, e);
                }
            }
        }

        @Override
        public void messageSent(MessageType type, long payloadBytes, long wireBytes) {
            for (EndpointObserver o : bound) {
                try {
                    o.messageSent(type, payloadBytes, wireBytes);
                } catch (RuntimeException e) {
                    failed(o, e);
                }
            }
        }

        @Override
        public void handlerInvoked(long nanos, boolean failed) {
            for (EndpointObserver o : bound) {
                try {
                    o.handlerInvoked(nanos, failed);
                } catch (RuntimeException e) {
                    failed(o, e);
                }
            }
        }

        @Override
        public void slowConsumer(SlowConsumerAction action) {
            for (EndpointObserver o : bound) {
                try {
                    o.slowConsumer(action);
                } catch (RuntimeException e) {
                    failed(o, e);
                }
            }
        }
    }
}
