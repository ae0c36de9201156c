package io.wsstack.autoconfigure;

import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.deflate.ServerDeflateNegotiator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * permessage-deflate (RFC 7692) beans, imported by {@link WsAutoConfiguration}; absent when
 * {@code ws.deflate.enabled=false}, in which case the transport answers no extension offer.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "ws.deflate.enabled", matchIfMissing = true)
class WsDeflateConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DeflateOptions wsDeflateOptions(WsProperties properties) {
        return toOptions(properties.getDeflate());
    }

    /** One negotiator for all endpoints: in shared mode its pools are shared by every session of the application. The only definition of this bean: the transport takes it from here. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ServerDeflateNegotiator wsServerDeflateNegotiator(DeflateOptions options) {
        return new ServerDeflateNegotiator(options);
    }

    static DeflateOptions toOptions(WsDeflateProperties deflate) {
        DeflateOptions.Builder builder = DeflateOptions.builder()
                .mode(deflate.getMode())
                .serverNoContextTakeover(deflate.isServerNoContextTakeover())
                .clientNoContextTakeover(deflate.isClientNoContextTakeover())
                .serverMaxWindowBits(deflate.getServerMaxWindowBits())
                .compressionLevel(deflate.getLevel())
                .threshold((int) deflate.getThreshold().toBytes())
                .sharedPoolCapacity(deflate.getSharedPoolCapacity());
        if (deflate.getClientMaxWindowBits() < DeflateOptions.MAX_WINDOW_BITS) {
            // At 15 the limit is no limit; leaving it unset keeps the response header minimal.
            builder.clientMaxWindowBits(deflate.getClientMaxWindowBits());
        }
        return builder.build();
    }
}
