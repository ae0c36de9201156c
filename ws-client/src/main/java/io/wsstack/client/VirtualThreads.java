package io.wsstack.client;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;

/**
 * The default thread factory: virtual threads on Java 21 and later, so that a session's blocking reader
 * and writer cost a few kilobytes of heap instead of two platform threads with their stacks; daemon
 * platform threads on Java 17. The code is compiled for Java 17, so {@code Thread.ofVirtual()} is
 * looked up reflectively, once.
 */
final class VirtualThreads {

    private static final ThreadFactory VIRTUAL = lookUp();

    private VirtualThreads() {
    }

    /** Virtual threads when the runtime has them, daemon platform threads otherwise. */
    static ThreadFactory defaultFactory() {
        return VIRTUAL != null ? VIRTUAL : VirtualThreads::daemon;
    }

    /** Whether {@link #defaultFactory()} makes virtual threads on this runtime. */
    static boolean available() {
        return VIRTUAL != null;
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    }

    private static ThreadFactory lookUp() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builderType = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(builderType));
            MethodHandle factory = lookup.findVirtual(builderType, "factory", MethodType.methodType(ThreadFactory.class));
            return (ThreadFactory) factory.invoke(ofVirtual.invoke());
        } catch (Throwable notAvailable) {
            return null; // Java 17 to 20: no virtual threads (or only as a preview, which we do not enable)
        }
    }
}
