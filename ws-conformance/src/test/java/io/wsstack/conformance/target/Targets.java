package io.wsstack.conformance.target;

import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.deflate.DeflateOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.TestInfo;

/**
 * The echo targets the conformance suite runs against, started once per test JVM and shared by
 * every case. Each case class is parameterised over {@link #all()}.
 */
public final class Targets {

    /** Limits wide enough for the scaled-down Autobahn 9.x cases (1 MiB messages, 65536 fragments). */
    public static final ConnectionSettings SUITE_LIMITS = ConnectionSettings.builder()
            .maxFrameSize(1 << 20).maxMessageSize(1 << 20).maxFragments(65_536).build();

    private static EngineEchoServer engine;
    private static StarterEchoTarget starter;
    private static StarterEchoTarget jetty;
    private static StarterEchoTarget reactorNetty;
    private static StarterEchoTarget pooledPreset;

    private Targets() {
    }

    /** Every target, started on first use. */
    public static synchronized List<EchoTarget> all() {
        return List.of(engine(), starter(), jetty(), reactorNetty());
    }

    /**
     * The targets a case runs on: all of them, minus those its {@link KnownFailure} annotations
     * name, unless {@code -Dconformance.knownFailures=run} asks to run those too.
     */
    public static List<EchoTarget> forCase(TestInfo test) {
        if ("run".equals(System.getProperty("conformance.knownFailures"))) {
            return all();
        }
        Set<String> failing = test.getTestMethod().stream()
                .flatMap(m -> Arrays.stream(m.getAnnotationsByType(KnownFailure.class)))
                .map(KnownFailure::target)
                .collect(Collectors.toSet());
        return all().stream().filter(t -> !failing.contains(t.name())).toList();
    }

    /** The starter's echo endpoint on Tomcat with the suite's limits; it stops when the JVM does. */
    public static synchronized StarterEchoTarget starter() {
        if (starter == null) {
            starter = StarterEchoTarget.start(StarterEchoTarget.Container.TOMCAT, STARTER_LIMITS);
        }
        return starter;
    }

    /** The same application on Jetty 12.1. */
    public static synchronized StarterEchoTarget jetty() {
        if (jetty == null) {
            jetty = StarterEchoTarget.start(StarterEchoTarget.Container.JETTY, STARTER_LIMITS);
        }
        return jetty;
    }

    /** The same application as a WebFlux application on Reactor Netty (handlers dispatched off the event loop, the default). */
    public static synchronized StarterEchoTarget reactorNetty() {
        if (reactorNetty == null) {
            reactorNetty = StarterEchoTarget.start(StarterEchoTarget.Container.REACTOR_NETTY, STARTER_LIMITS);
        }
        return reactorNetty;
    }

    /**
     * The Tomcat application with {@code ws.deflate.preset=pooled-1kb} (issue 16): context takeover from
     * 512-byte windows handed between pooled zlib streams. Not in {@link #all()}: the compression cases
     * add it where the FFM zlib binding is active, the only place where the preset is more than
     * java.util.zip's dedicated mode.
     */
    public static synchronized StarterEchoTarget pooledPreset() {
        if (pooledPreset == null) {
            Map<String, Object> properties = new HashMap<>(STARTER_LIMITS);
            properties.put("ws.deflate.preset", "pooled-1kb");
            pooledPreset = StarterEchoTarget.start("tomcat-pooled-1kb", StarterEchoTarget.Container.TOMCAT, properties);
        }
        return pooledPreset;
    }

    private static final Map<String, Object> STARTER_LIMITS = Map.of(
            "ws.endpoints.echo.max-frame-size", "1MB",
            "ws.endpoints.echo.max-message-size", "1MB",
            "ws.endpoints.echo.max-fragments", 65_536);

    /** The plain-engine echo server with the suite's limits and permessage-deflate defaults. */
    public static synchronized EngineEchoServer engine() {
        if (engine == null) {
            try {
                engine = new EngineEchoServer(SUITE_LIMITS, DeflateOptions.defaults(), 5_000, 5_000);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return engine;
    }
}
