package io.wsstack.bench.load;

/**
 * One load setting: with or without permessage-deflate, the message size, and how many connections
 * each keep one message in flight.
 */
record Scenario(boolean deflate, int messageSize, int connections) {

    /** A short name for tables and the chart, e.g. {@code "20 B × 100, deflate"}. */
    String label() {
        String size = messageSize >= 1024 && messageSize % 1024 == 0 ? messageSize / 1024 + " KiB" : messageSize + " B";
        return size + " × " + connections + (deflate ? ", deflate" : "");
    }
}
