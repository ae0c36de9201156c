package io.wsstack.autoconfigure.actuate;

import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link WsSessionTracker} shared by the Actuator endpoint and the health indicator;
 * imported by both auto-configurations (Spring registers it once).
 */
@Configuration(proxyBeanMethods = false)
class WsSessionTrackerConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WsSessionTracker wsSessionTracker(WsEndpointRegistry endpointRegistry) {
        return new WsSessionTracker(endpointRegistry.endpoints().stream().map(WsEndpoint::name).toList());
    }
}
