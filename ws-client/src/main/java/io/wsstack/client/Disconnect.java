package io.wsstack.client;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.core.handshake.HandshakeFailedException;

import java.io.IOException;
import java.util.Set;

/**
 * Why a connection of a {@link ReconnectingSession} ended, or why an attempt to open one failed: the
 * input of {@link ReconnectPolicy}'s decision to try again.
 *
 * @param closeCode       the final close code of a session that was open (RFC 6455 §7.4), or -1 when
 *                        the attempt never opened
 * @param reason          the close reason, or the failure's message
 * @param handshakeStatus the HTTP status of a refused upgrade (RFC 6455 §4.1: anything but 101) or of a
 *                        proxy's refused CONNECT, or -1
 * @param error           the attempt's failure, or {@code null} for a session that closed
 */
public record Disconnect(int closeCode, String reason, int handshakeStatus, Throwable error) {

    /**
     * Close codes after which the server is expected to be back: going away (restart), abnormal
     * closure (network loss), internal error, service restart, try again later (RFC 6455 §7.4.1 and
     * the IANA registry), and bad gateway, which a proxy sends when its upstream went away.
     */
    private static final Set<Integer> TRANSIENT_CLOSE_CODES = Set.of(CloseCodes.GOING_AWAY, CloseCodes.ABNORMAL_CLOSURE,
            CloseCodes.INTERNAL_ERROR, 1012, 1013, 1014);

    public Disconnect {
        reason = reason == null ? "" : reason;
    }

    /** An open session ended with this status. */
    public static Disconnect closed(WsCloseStatus status) {
        return new Disconnect(status.code(), status.reason(), -1, null);
    }

    /** An attempt failed before the session opened. */
    public static Disconnect failed(Throwable error) {
        int status = -1;
        if (error instanceof HandshakeFailedException refused && refused.reason() == HandshakeFailedException.Reason.NOT_101) {
            status = refused.status();
        } else if (error instanceof ProxyRefusedException proxy) {
            status = proxy.status(); // the proxy's answer counts like the server's: 407 is not retried, 502 is
        }
        return new Disconnect(-1, String.valueOf(error.getMessage()), status, error);
    }

    /** Whether an open session ended (rather than an attempt failing). */
    public boolean wasOpen() {
        return error == null;
    }

    /**
     * The default verdict: yes for a lost network (an {@link IOException} while connecting, or close code
     * 1006), for 1001, 1011, 1012, 1013 and 1014, and for a 5xx answer to the upgrade; no for everything
     * else, notably 1000 (the server ended the conversation), 1008 (policy violation: the same request
     * would be refused again), protocol errors, and 4xx answers such as 401 or 403, which repeating the
     * same credentials cannot change.
     */
    public boolean retriedByDefault() {
        if (wasOpen()) {
            return TRANSIENT_CLOSE_CODES.contains(closeCode);
        }
        if (handshakeStatus != -1) {
            return handshakeStatus >= 500 && handshakeStatus <= 599;
        }
        return error instanceof IOException;
    }
}
