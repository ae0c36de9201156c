/**
 * The session core shared by every transport and both ends: what sits between the engine
 * ({@link io.wsstack.core.Connection}) and a byte pipe, still without any I/O.
 *
 * <ul>
 *   <li>{@link io.wsstack.core.session.OutboundFrames}: the outbound queue rules (control frames
 *       first, our Close after the data before it and nothing after it, every ping answered in
 *       order within bounds), drained in batches for gathering writes.</li>
 *   <li>{@link io.wsstack.core.session.OutboundMessages}: encodes data messages straight into the
 *       queue, outside the engine: small frames coalesced into a pooled buffer
 *       ({@link io.wsstack.core.session.FrameBufferPool}), a large payload the session owns
 *       written after its header without a copy.</li>
 *   <li>{@link io.wsstack.core.session.SessionTimers}: idle timeout, keep-alive ping, pong timeout
 *       and close timeout over an injected {@link io.wsstack.core.session.SessionScheduler} and
 *       clock, so an event loop's timers or a test's manual clock can drive them. The scheduler
 *       of {@code SessionScheduler.of} keeps every session's deadline in one queue over a single
 *       executor task, the timers object itself being the queue's entry, and sessions of one kind
 *       share one {@link io.wsstack.core.session.SessionTimers.Rules}: an idle session's timers
 *       cost it one small object.</li>
 *   <li>{@link io.wsstack.core.session.InboundEvent}: the event pump, one event at a time in wire
 *       order, so the application's answer to a message is queued before the engine reads on.</li>
 * </ul>
 *
 * <p>A transport supplies "bytes were read", "write these buffers", "writable again" and "closed";
 * it flushes once per read batch, never once per message.
 */
package io.wsstack.core.session;
