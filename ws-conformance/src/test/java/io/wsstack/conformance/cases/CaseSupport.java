package io.wsstack.conformance.cases;

import io.wsstack.conformance.target.EchoTarget;
import io.wsstack.conformance.target.Targets;
import io.wsstack.conformance.wire.RawClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** What the case classes share: connecting to a target and small payload helpers. */
abstract class CaseSupport {

    /** A new raw client that has completed the opening handshake with {@code target}. */
    static RawClient connect(EchoTarget target) throws IOException {
        return connect(target, null);
    }

    /** A new raw client offering {@code extensions}. */
    static RawClient connect(EchoTarget target, String extensions) throws IOException {
        return RawClient.connect(target.address(), target.path(), extensions, target.extraRequestHeaders());
    }

    /** Every value on every target, for cases parameterised by a value (close codes, sizes). */
    static Stream<Arguments> codesOnTargets(int... values) {
        return Targets.all().stream().flatMap(t -> IntStream.of(values).mapToObj(v -> Arguments.of(v, t)));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** {@code length} copies of {@code b}. */
    static byte[] filled(int length, int b) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) b);
        return bytes;
    }

    /** {@code length} bytes counting up from 0, wrapping: binary data with every byte value. */
    static byte[] counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
