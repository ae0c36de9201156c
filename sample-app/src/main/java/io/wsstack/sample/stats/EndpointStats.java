package io.wsstack.sample.stats;

import java.util.Map;

/**
 * One endpoint in a {@link ServerStats} snapshot, as the page receives it in JSON. Rates are per
 * second over the last sampling interval; totals are since the application started.
 *
 * @param name              the endpoint name
 * @param path              its path template
 * @param sessions          sessions open now
 * @param messagesIn        data messages received per second
 * @param messagesOut       data messages sent per second
 * @param payloadIn         payload bytes received per second (after inflation)
 * @param payloadOut        payload bytes sent per second (before compression)
 * @param wireIn            frame bytes received per second, as they crossed the wire
 * @param wireOut           frame bytes sent per second, as encoded for the wire
 * @param payloadTotal      payload bytes in both directions since start
 * @param wireTotal         wire bytes in both directions since start; payloadTotal / wireTotal is the
 *                          compression ratio (below 1 when framing outweighs compression)
 * @param handlerMeanMicros mean time in the handler over the interval, in microseconds (0 when idle)
 * @param refused           upgrade requests refused since start
 * @param slowConsumers     send-buffer overflows since start
 * @param recentCloses      sessions ended in the last minute, by close code
 * @param closes            sessions ended since start, by close code
 */
public record EndpointStats(String name, String path, long sessions, double messagesIn, double messagesOut,
        double payloadIn, double payloadOut, double wireIn, double wireOut, double payloadTotal, double wireTotal,
        double handlerMeanMicros, long refused, long slowConsumers, Map<String, Long> recentCloses,
        Map<String, Long> closes) {
}
