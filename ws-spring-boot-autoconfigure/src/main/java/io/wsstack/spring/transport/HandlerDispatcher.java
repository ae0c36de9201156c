package io.wsstack.spring.transport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where WebSocket handlers run when they must not run on Netty's event loop (the default: a
 * {@code @WsHandler} method may block on a database call, and a blocked event loop stalls every
 * connection it serves). Each session gets its own {@link SerialExecutor} on top of it, so one
 * session's callbacks never overlap and keep the wire order.
 *
 * <p>On a Java 21+ runtime the tasks run on virtual threads, found by reflection because the project
 * compiles for Java 17; otherwise on a fixed pool of daemon platform threads. A type of our own
 * rather than an {@code Executor} bean, so that Spring Boot's own executor auto-configuration, which
 * backs off when it sees an {@code Executor}, is not disturbed.
 */
public final class HandlerDispatcher implements AutoCloseable {

    private static final Log log = LogFactory.getLog(HandlerDispatcher.class);

    private final ExecutorService executor;
    private final boolean virtual;

    private HandlerDispatcher(ExecutorService executor, boolean virtual) {
        this.executor = executor;
        this.virtual = virtual;
    }

    /**
     * Virtual threads when the runtime has them, else {@code poolThreads} platform threads.
     *
     * @param poolThreads the size of the fallback pool (at least 1)
     */
    public static HandlerDispatcher create(int poolThreads) {
        ExecutorService virtualThreads = virtualThreadPerTaskExecutor();
        if (virtualThreads != null) {
            return new HandlerDispatcher(virtualThreads, true);
        }
        return platformThreads(poolThreads);
    }

    /** A fixed pool of {@code threads} daemon platform threads, whatever the runtime offers. */
    public static HandlerDispatcher platformThreads(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "ws-handler-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new HandlerDispatcher(Executors.newFixedThreadPool(Math.max(1, threads), factory), false);
    }

    /** Whether handlers run on virtual threads. */
    public boolean usesVirtualThreads() {
        return virtual;
    }

    /**
     * The handler threads themselves, for a transport that runs a lane's work elsewhere while it
     * can (Tomcat's socket loops run it after their pass until a handler blocks) and here otherwise.
     */
    public Executor executor() {
        return executor;
    }

    public SerialExecutor newSession(SerialExecutor.BatchListener listener) {
        return new SerialExecutor(executor, listener);
    }

    @Override
    public void close() {
        executor.shutdown();
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()} on Java 21+, {@code null} before. */
    private static ExecutorService virtualThreadPerTaskExecutor() {
        try {
            Method factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) factory.invoke(null);
        } catch (NoSuchMethodException beforeJava21) {
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Virtual threads unavailable; WebSocket handlers run on a platform thread pool", e);
            return null;
        }
    }
}
