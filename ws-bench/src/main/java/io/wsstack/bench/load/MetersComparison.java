package io.wsstack.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * What our {@code ws.*} meters cost per message, told apart from the machine's noise: ours with
 * Actuator meters ({@link Peer#WSSTACK}) against the same application with our meter binding
 * excluded ({@link Peer#WSSTACK_NOMETERS}), nobody else. One long phase per server (as in the echo
 * comparison) lets a few seconds of background load on a shared machine swing the ratio by more
 * than the 5 % it is meant to show; here every scenario runs several short rounds, each a phase
 * of one server right after a phase of the other (who goes first alternates), and the report
 * gives every round's ratio and their median.
 *
 * <p>Same native load generator, payloads and echo checks as the echo comparison (through
 * {@link PeerRunner}). Settings (system properties): {@code bench.meters.rounds} (default 15: with 5, one odd round moved the median by several per cent, and with 7
 * the median of the 3 µs scenario still moved by 10 % between runs of one build, 2026-12-06),
 * {@code bench.meters.scenarioWarmupMillis} (default 3000: discarded traffic on each server before a
 * scenario's first round, so that no round pays for the JIT compiling the meters' code, which the
 * server's CPU time would include), {@code bench.meters.warmupMillis} (default 1000: refills the
 * pipelines and the caches after the other server's turn), {@code bench.meters.measureMillis} (default 4000). With
 * the default four scenarios this takes about five and a half minutes.
 */
final class MetersComparison implements Measurement {

    /**
     * With {@code bench.meters.together=true} both servers' phases of a round run at the same time,
     * each on its own load generator, instead of one after the other: background load then hits both
     * at once, so rounds spread less on a busy machine, but the two servers share the cores, a
     * regime unlike the echo comparison's (each server alone). Off by default.
     */
    private static final boolean TOGETHER = Boolean.getBoolean("bench.meters.together");


    @Override
    public String name() {
        return "meters";
    }

    @Override
    public String run(HarnessContext context) throws Exception {
        int rounds = Math.max(1, Integer.getInteger("bench.meters.rounds", 15));
        long warmupMillis = Long.getLong("bench.meters.warmupMillis", 1000);
        long measureMillis = Long.getLong("bench.meters.measureMillis", 4000);
        long scenarioWarmupMillis = Long.getLong("bench.meters.scenarioWarmupMillis", 3000);
        List<Scenario> scenarios = context.settings().scenarios();
        Optional<PeerRunner> on = runner(context, Peer.WSSTACK);
        Optional<PeerRunner> off = runner(context, Peer.WSSTACK_NOMETERS);
        List<MetersResult> results = new ArrayList<>();
        if (on.isEmpty() || off.isEmpty()) {
            String note = "not measured: needs " + Peer.WSSTACK.cliName() + " and " + Peer.WSSTACK_NOMETERS.cliName()
                    + " running (bench.peers)";
            scenarios.forEach(s -> results.add(MetersResult.missing(s, note)));
            System.out.println("  " + note);
            return MetersReport.markdown(rounds, warmupMillis, measureMillis, TOGETHER, results);
        }
        List<Scenario> pending = new ArrayList<>(scenarios);
        while (!pending.isEmpty()) {
            Scenario first = pending.get(0);
            List<Scenario> group = pending.stream().filter(first::sameConnections).toList();
            pending.removeAll(group);
            runGroup(on.get(), off.get(), group, rounds, scenarioWarmupMillis, warmupMillis, measureMillis, results);
        }
        results.sort(java.util.Comparator.comparingInt(r -> scenarios.indexOf(r.scenario())));
        return MetersReport.markdown(rounds, warmupMillis, measureMillis, TOGETHER, results);
    }

    private static void runGroup(PeerRunner on, PeerRunner off, List<Scenario> group, int rounds,
            long scenarioWarmupMillis, long warmupMillis, long measureMillis, List<MetersResult> results)
            throws InterruptedException {
        EchoConnections onConnections = null;
        EchoConnections offConnections = null;
        try {
            onConnections = on.open(group.get(0));
            offConnections = off.open(group.get(0));
            for (Scenario scenario : group) {
                results.add(measure(on, onConnections, off, offConnections, scenario, rounds, scenarioWarmupMillis,
                        warmupMillis, measureMillis));
            }
        } catch (IllegalStateException | IOException e) {
            group.forEach(s -> {
                if (results.stream().noneMatch(r -> r.scenario().equals(s))) {
                    results.add(MetersResult.missing(s, "failed: " + e.getMessage()));
                }
            });
        } finally {
            if (onConnections != null) {
                onConnections.close();
            }
            if (offConnections != null) {
                offConnections.close();
            }
        }
    }

    private static MetersResult measure(PeerRunner on, EchoConnections onConnections, PeerRunner off,
            EchoConnections offConnections, Scenario scenario, int rounds, long scenarioWarmupMillis, long warmupMillis,
            long measureMillis) throws IOException, InterruptedException {
        System.out.println("  meters on ÷ off: " + scenario.label() + " (warm-up, then " + rounds + " rounds)");
        on.measure(onConnections, scenario, 0, scenarioWarmupMillis);
        off.measure(offConnections, scenario, 0, scenarioWarmupMillis);
        List<Double> onMicros = new ArrayList<>();
        List<Double> offMicros = new ArrayList<>();
        long wrong = 0;
        long lost = 0;
        for (int round = 0; round < rounds; round++) {
            LoadResult withMeters;
            LoadResult without;
            if (TOGETHER) {
                CompletableFuture<LoadResult> first = measureAsync(on, onConnections, scenario, warmupMillis, measureMillis);
                without = off.measure(offConnections, scenario, warmupMillis, measureMillis);
                withMeters = join(first);
            } else if (round % 2 == 0) {
                withMeters = on.measure(onConnections, scenario, warmupMillis, measureMillis);
                without = off.measure(offConnections, scenario, warmupMillis, measureMillis);
            } else {
                without = off.measure(offConnections, scenario, warmupMillis, measureMillis);
                withMeters = on.measure(onConnections, scenario, warmupMillis, measureMillis);
            }
            onMicros.add(withMeters.serverCpuMicrosPerMessage());
            offMicros.add(without.serverCpuMicrosPerMessage());
            wrong += withMeters.wrongEchoes() + without.wrongEchoes();
            lost += withMeters.lostConnections() + without.lostConnections();
            System.out.printf("    round %d: on ÷ off %.3f%n", round + 1,
                    withMeters.serverCpuMicrosPerMessage() / without.serverCpuMicrosPerMessage());
        }
        return new MetersResult(scenario, onMicros, offMicros, wrong, lost, null);
    }

    /** One server's phase on a thread of its own, so that both servers' phases run at the same time. */
    private static CompletableFuture<LoadResult> measureAsync(PeerRunner runner, EchoConnections connections,
            Scenario scenario, long warmupMillis, long measureMillis) {
        CompletableFuture<LoadResult> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(runner.measure(connections, scenario, warmupMillis, measureMillis));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "meters-" + runner.peer().cliName());
        thread.start();
        return result;
    }

    private static LoadResult join(CompletableFuture<LoadResult> result) throws IOException, InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Optional<PeerRunner> runner(HarnessContext context, Peer peer) {
        return context.runners().stream().filter(r -> r.peer() == peer).findFirst();
    }
}
