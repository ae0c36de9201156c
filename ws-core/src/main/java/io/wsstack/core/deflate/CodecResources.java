package io.wsstack.core.deflate;

/**
 * What every connection of one endpoint shares for compression: the message size threshold and
 * the deflater/inflater pools. In {@link DeflateMode#DEDICATED} mode the pools keep nothing idle,
 * so acquiring creates a new instance and releasing ends it.
 */
final class CodecResources implements AutoCloseable {

    final DeflateMode mode;
    final int threshold;
    final DeflaterPool deflaters;
    final InflaterPool inflaters;

    private CodecResources(DeflateMode mode, int threshold, DeflaterPool deflaters, InflaterPool inflaters) {
        this.mode = mode;
        this.threshold = threshold;
        this.deflaters = deflaters;
        this.inflaters = inflaters;
    }

    static CodecResources of(DeflateOptions options) {
        int capacity = options.mode() == DeflateMode.SHARED ? options.sharedPoolCapacity() : 0;
        return new CodecResources(options.mode(), options.threshold(),
                new DeflaterPool(options.compressionLevel(), capacity), new InflaterPool(capacity));
    }

    /** Ends the idle pooled instances; instances still held by connections are ended when those close. */
    @Override
    public void close() {
        deflaters.close();
        inflaters.close();
    }
}
