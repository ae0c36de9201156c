package io.wsstack.e2e;

import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.spring.HandlerDispatch;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsHandshakeInterceptor;
import io.wsstack.spring.WsHandshakeRequest;
import io.wsstack.spring.WsSessionRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Locale;

/**
 * What the end-to-end applications of every transport share ({@link E2eApplication} on the servlet
 * containers, {@code ReactorNettyE2eApplication} on WebFlux): the test endpoints, compression, the
 * recording observer and the tenant interceptor, so that the same tests expect the same behaviour
 * of each. Each application adds its own security rules, plain resources and
 * {@link NativeRequestPath}.
 */
@Configuration(proxyBeanMethods = false)
class E2eSharedBeans {

    /** The request path as the transport's own request object gives it, to show the view unwraps to it. */
    @FunctionalInterface
    interface NativeRequestPath {
        String of(WsHandshakeRequest request);
    }

    /**
     * The test application's own registry, so {@code ws.endpoints.*} does not reach it: a test puts
     * every endpoint's handlers on the event loop with {@code e2e.handler-dispatch=event-loop},
     * which sets each endpoint's {@code handler-dispatch} as its settings carry it.
     */
    @Bean
    WsEndpointRegistry wsEndpointRegistry(ObjectProvider<WsSessionRegistry> sessions,
            @Value("${e2e.handler-dispatch:worker}") String dispatch) {
        return new WsEndpointRegistry(E2eEndpoints.all(sessions::getObject,
                HandlerDispatch.valueOf(dispatch.toUpperCase(Locale.ROOT).replace('-', '_'))));
    }

    /** permessage-deflate with the defaults; {@code e2e.deflate.stateless=true} adds server_no_context_takeover. */
    @Bean
    DeflateOptions deflateOptions(@Value("${e2e.deflate.stateless:false}") boolean stateless) {
        return DeflateOptions.builder().serverNoContextTakeover(stateless).build();
    }

    @Bean
    RecordingObserver recordingObserver() {
        return new RecordingObserver();
    }

    /** Refuses with 401 when {@code X-Deny} is present; copies {@code X-Tenant} into the session attributes. */
    @Bean
    WsHandshakeInterceptor tenantInterceptor(NativeRequestPath nativePath) {
        return (request, endpoint, pathVariables, attributes) -> {
            if (request.header("X-Deny") != null) {
                return WsHandshakeInterceptor.Decision.refuse(401, "denied by interceptor");
            }
            String tenant = request.header("X-Tenant");
            if (tenant != null) {
                attributes.put("tenant", tenant);
            }
            // The transport-neutral view, checked by interceptorRequestView; the native request stays reachable.
            request.attributes().put("view", request.path() + "|" + request.queryParam("t") + "|" + request.queryParams().get("t")
                    + "|" + request.headers("X-Tenant") + "|"
                    + (nativePath.of(request).equals(request.path()) ? "native" : "?"));
            return WsHandshakeInterceptor.Decision.proceed();
        };
    }
}
