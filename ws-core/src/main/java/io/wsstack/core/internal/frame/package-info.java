/**
 * Not API: the engine's frame layer (RFC 6455 §5.2), that is the resumable decoder, the encoder,
 * masking and the protocol constants. {@link io.wsstack.core.Connection} drives it; applications and
 * transports never need it. Public only so that the project's own modules (benchmarks, tests) can
 * reach it; names, signatures and behaviour may change in any release without notice.
 */
package io.wsstack.core.internal.frame;
