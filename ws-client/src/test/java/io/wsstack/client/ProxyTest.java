package io.wsstack.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.wsstack.client.RecordingListener.WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ws and wss through a real HTTP CONNECT proxy (RFC 9110 §9.3.6) with Basic authentication (RFC 7617),
 * and hosts that bypass it.
 */
class ProxyTest {

    private static TlsEchoServer tls;
    private static RawServer plain;

    @BeforeAll
    static void startServers() throws Exception {
        tls = TlsEchoServer.start();
        plain = new RawServer(ProxyTest::echo);
    }

    @AfterAll
    static void stopServers() throws Exception {
        tls.close();
        plain.close();
    }

    private static void echo(Socket socket) throws Exception {
        new RawServer.Peer(socket, null).echoUntilClose();
    }

    @Test
    @DisplayName("RFC 9110 §9.3.6: ws:// through CONNECT with Basic credentials; the proxy sees only the CONNECT")
    void plainThroughProxy() throws Exception {
        try (TestConnectProxy proxy = new TestConnectProxy("alice", "s3cret");
                WsClient client = WsClient.builder().proxy(proxy.asProxy().withCredentials("alice", "s3cret")).build()) {
            echoOnce(client, plain.uri("/through"));
            assertThat(proxy.requestHeads).singleElement().satisfies(head -> {
                assertThat(head).startsWith("CONNECT 127.0.0.1:" + plain.uri("/").getPort() + " HTTP/1.1\r\n");
                assertThat(head).contains("Proxy-Authorization: Basic YWxpY2U6czNjcmV0\r\n");
            });
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.1 + RFC 9110 §9.3.6: wss:// through CONNECT: TLS runs inside the tunnel, end to end")
    void secureThroughProxy() throws Exception {
        try (TestConnectProxy proxy = new TestConnectProxy(null, null);
                WsClient client = WsClient.builder().proxy(proxy.asProxy()).sslContext(tls.clientContext()).build()) {
            echoOnce(client, tls.uri("/secure"));
            assertThat(proxy.requestHeads).singleElement()
                    .satisfies(head -> assertThat(head).startsWith("CONNECT 127.0.0.1:" + tls.port() + " HTTP/1.1\r\n"));
        }
    }

    @Test
    @DisplayName("RFC 7235 §3.2: without the right credentials the proxy answers 407 and the attempt fails with it")
    void wrongCredentialsRefused() throws Exception {
        try (TestConnectProxy proxy = new TestConnectProxy("alice", "s3cret");
                WsClient client = WsClient.builder().proxy(proxy.asProxy().withCredentials("alice", "wrong")).build()) {
            int before = plain.connections();
            assertThatThrownBy(() -> client.connect(plain.uri("/"), new RecordingListener()).get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(ProxyRefusedException.class, e -> assertThat(e.status()).isEqualTo(407))
                    .hasMessageContaining("407");
            assertThat(plain.connections()).isEqualTo(before);
            assertThat(Disconnect.failed(new ProxyRefusedException(407)).retriedByDefault()).isFalse();
        }
    }

    @Test
    @DisplayName("a host on the bypass list is reached directly; the proxy sees nothing")
    void bypassedHostGoesDirect() throws Exception {
        try (TestConnectProxy proxy = new TestConnectProxy(null, null);
                WsClient client = WsClient.builder().proxy(proxy.asProxy().withBypass(List.of("127.0.0.1"))).build()) {
            echoOnce(client, plain.uri("/direct"));
            assertThat(proxy.requestHeads).isEmpty();
        }
    }

    @Test
    @DisplayName("bypass rules: exact host, .suffix and *.suffix, case-insensitive")
    void bypassRules() {
        HttpProxy proxy = HttpProxy.of("proxy", 3128).withBypass(List.of("Internal.example", ".corp.example", "*.lab.example"));
        assertThat(proxy.appliesTo(URI.create("ws://internal.example/"))).isFalse();
        assertThat(proxy.appliesTo(URI.create("ws://x.internal.example/"))).isTrue();
        assertThat(proxy.appliesTo(URI.create("wss://a.b.corp.example/"))).isFalse();
        assertThat(proxy.appliesTo(URI.create("wss://corp.example/"))).isFalse();
        assertThat(proxy.appliesTo(URI.create("wss://h.lab.example/"))).isFalse();
        assertThat(proxy.appliesTo(URI.create("wss://notcorp.example/"))).isTrue();
        assertThat(proxy.withCredentials("u", "hunter2").toString()).doesNotContain("hunter2").contains("user u");
    }

    private static void echoOnce(WsClient client, URI uri) throws Exception {
        RecordingListener listener = new RecordingListener();
        WsClientSession session = client.connect(uri, listener).get(WAIT_SECONDS, TimeUnit.SECONDS);
        session.sendText("via proxy");
        assertThat(listener.nextText()).isEqualTo("via proxy");
        assertThat(session.close().get(WAIT_SECONDS, TimeUnit.SECONDS).code()).isEqualTo(1000);
    }
}
