package io.wsstack.autoconfigure.actuate;

import io.wsstack.autoconfigure.WsAutoConfiguration;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.cluster.WsCluster;
import io.wsstack.spring.transport.TransportDispatch;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import io.wsstack.autoconfigure.ConditionalOnWsEnabled;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Registers the {@code ws} Actuator endpoint when Spring Boot Actuator is on the classpath and the
 * endpoint is available (enabled and exposed, e.g. {@code management.endpoints.web.exposure.include=ws}).
 */
@AutoConfiguration(after = WsAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnWsEnabled
@ConditionalOnBean(WsEndpointRegistry.class)
@ConditionalOnAvailableEndpoint(WsActuatorEndpoint.class)
@Import(WsSessionTrackerConfiguration.class)
public final class WsActuatorEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WsActuatorEndpoint wsActuatorEndpoint(WsEndpointRegistry endpointRegistry, WsSessionTracker sessionTracker,
            ObjectProvider<DeflateOptions> deflateOptions, ObjectProvider<WsCluster> cluster,
            ObjectProvider<TransportDispatch> transports) {
        WsActuatorEndpoint endpoint = new WsActuatorEndpoint(endpointRegistry, sessionTracker, deflateOptions.getIfAvailable());
        endpoint.setCluster(cluster.getIfAvailable());
        endpoint.setTransports(transports.orderedStream().toList());
        return endpoint;
    }
}
