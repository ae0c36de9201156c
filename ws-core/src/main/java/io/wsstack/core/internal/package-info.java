/**
 * Not API. Everything under {@code io.wsstack.core.internal} is the engine's own machinery, public
 * only so that the project's other modules can reach it; it may change in any release without
 * notice. What users of the engine need lives outside it: {@link io.wsstack.core.Connection},
 * {@link io.wsstack.core.ClientEngine} and {@link io.wsstack.core.ServerEngine}, the
 * {@code handshake} types, {@link io.wsstack.core.ConnectionSettings}, the messages and the
 * {@code deflate} options.
 */
package io.wsstack.core.internal;
