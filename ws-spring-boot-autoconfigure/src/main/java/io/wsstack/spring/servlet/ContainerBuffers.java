package io.wsstack.spring.servlet;

/**
 * The container's own per-connection buffers under a servlet upgrade, told when the transport
 * reaches a point where a direction is idle, so that a container whose buffers can be given back
 * there does so. Only Tomcat's NIO connector has such buffers today ({@link TomcatIdleBuffers});
 * elsewhere this is {@link #NONE}.
 */
interface ContainerBuffers {

    /** Nothing to give back (other containers, TLS connections, a Tomcat layout we do not know). */
    ContainerBuffers NONE = new ContainerBuffers() {
        @Override
        public void readDrained() {
        }

        @Override
        public void writeFlushed() {
        }
    };

    /**
     * A read batch ended because the container had no more bytes (it now waits on the socket);
     * called on the reading thread.
     */
    void readDrained();

    /** A flush returned; called on the writing thread, while no other write or flush runs. */
    void writeFlushed();
}
