package io.wsstack.core.session;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a queue entry completes once written: nothing ({@code null}, a fire-and-forget send such as
 * a handler's return value or an automatic pong), one future, or several (small frames coalesced
 * into one buffer, each from a send whose caller waits). Kept as a plain {@code Object} so the
 * common cases allocate nothing.
 */
public final class Completions {

    private Completions() {
    }

    /** {@code existing} plus {@code future}; either may be {@code null}. */
    @SuppressWarnings("unchecked")
    static Object plus(Object existing, CompletableFuture<Void> future) {
        if (future == null) {
            return existing;
        }
        if (existing == null) {
            return future;
        }
        if (existing instanceof CompletableFuture<?> one) {
            Futures list = new Futures();
            list.add((CompletableFuture<Void>) one);
            list.add(future);
            return list;
        }
        ((Futures) existing).add(future);
        return existing;
    }

    /** Completes everything {@code completion} stands for (it may be {@code null}). */
    public static void complete(Object completion) {
        if (completion instanceof CompletableFuture<?> one) {
            one.complete(null);
        } else if (completion instanceof Futures list) {
            for (int i = 0; i < list.size(); i++) {
                list.get(i).complete(null);
            }
        }
    }

    /** Fails everything {@code completion} stands for (it may be {@code null}). */
    public static void fail(Object completion, Throwable error) {
        if (completion instanceof CompletableFuture<?> one) {
            one.completeExceptionally(error);
        } else if (completion instanceof Futures list) {
            for (int i = 0; i < list.size(); i++) {
                list.get(i).completeExceptionally(error);
            }
        }
    }

    /** Adds the futures {@code completion} stands for to {@code sink}. */
    @SuppressWarnings("unchecked")
    static void addTo(Object completion, List<CompletableFuture<Void>> sink) {
        if (completion instanceof CompletableFuture<?> one) {
            sink.add((CompletableFuture<Void>) one);
        } else if (completion instanceof Futures list) {
            sink.addAll(list);
        }
    }

    /** Several futures of one coalesced entry. */
    private static final class Futures extends java.util.ArrayList<CompletableFuture<Void>> {
        private static final long serialVersionUID = 1L;

        Futures() {
            super(4);
        }
    }
}
