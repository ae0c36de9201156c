package io.wsstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What happens when application code in a listener throws (RFC 6455 §7.4.1 codes 1008 and 1011). */
class ListenerFailureTest {

    @Test
    @DisplayName("RFC 6455 §7.4.1: a listener exception closes with 1011 and propagates")
    void listenerExceptionCloses1011() {
        CapturingSink sink = new CapturingSink(Role.SERVER);
        Connection server = new Connection(Role.SERVER, ConnectionSettings.DEFAULTS, null, null,
                new WebSocketListener() {
                    @Override
                    public void onText(Connection c, String text) {
                        throw new IllegalStateException("application bug");
                    }
                }, sink);
        assertThatThrownBy(() -> server.receive(Hex.buffer("818537fa213d7f9f4d5158")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(sink.closeCode()).isEqualTo(1011);
        assertThat(server.state()).isEqualTo(ConnectionState.CLOSED);
        server.receive(Hex.buffer("818537fa213d7f9f4d5158"));
        assertThat(sink.closeFrames()).hasSize(1);
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: a listener may throw a PolicyViolation to close with 1008")
    void listenerPolicyViolation() {
        CapturingSink sink = new CapturingSink(Role.SERVER);
        RecordingListener errors = new RecordingListener();
        Connection server = new Connection(Role.SERVER, ConnectionSettings.DEFAULTS, null, null,
                new WebSocketListener() {
                    @Override
                    public void onText(Connection c, String text) {
                        throw new WebSocketProtocolException.PolicyViolation("not allowed");
                    }

                    @Override
                    public void onProtocolError(Connection c, WebSocketProtocolException e) {
                        errors.onProtocolError(c, e);
                    }
                }, sink);
        server.receive(Hex.buffer("818537fa213d7f9f4d5158"));
        assertThat(sink.closeCode()).isEqualTo(1008);
        assertThat(errors.events).containsExactly("error:1008");
    }
}
