package io.wsstack.spring;

import java.util.Objects;

/**
 * A configured endpoint: its effective settings, its compiled path and the handler that receives
 * its sessions' events.
 *
 * @param settings the effective settings
 * @param path     the compiled path template
 * @param handler  receives every session's events
 */
public record WsEndpoint(WsEndpointSettings settings, PathTemplate path, WsEndpointHandler handler) {

    public WsEndpoint {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
    }

    /** The endpoint name. */
    public String name() {
        return settings.name();
    }
}
