#!/usr/bin/env python3
"""Writes the committed Jazzer seed inputs (regression mode replays them in every `mvn test`).

Run from ws-core: python3 src/test/fuzz-seeds/make_seeds.py
Each seed follows the input layout documented on its fuzz test method.
"""
import os
import struct
import zlib

BASE = "src/test/resources/io/wsstack/core/fuzz"


def write(cls, method, name, data):
    d = os.path.join(BASE, cls + "Inputs", method)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def frame(opcode, payload=b"", fin=True, rsv=0, mask=None, length_form=None):
    b0 = (0x80 if fin else 0) | (rsv << 4) | opcode
    n = len(payload)
    form = length_form or ("short" if n < 126 else "16" if n < 65536 else "64")
    mbit = 0x80 if mask is not None else 0
    if form == "short":
        head = bytes([b0, mbit | n])
    elif form == "16":
        head = bytes([b0, mbit | 126]) + struct.pack(">H", n)
    else:
        head = bytes([b0, mbit | 127]) + struct.pack(">Q", n)
    if mask is None:
        return head + payload
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return head + bytes(mask) + masked


def deflate_raw(data):
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    out = c.compress(data) + c.flush(zlib.Z_SYNC_FLUSH)
    assert out.endswith(b"\x00\x00\xff\xff")
    return out[:-4]


K = b"\x37\xfa\x21\x3d"


def connection_seeds():
    m, t = "receiveEndsInEventsOrOneTypedClose", "ConnectionFuzzTest"
    srv, cli = 0x01, 0x00
    write(t, m, "rfc6455-5.7-unmasked-hello", bytes([cli, 3]) + bytes.fromhex("810548656c6c6f"))
    write(t, m, "rfc6455-5.7-masked-hello", bytes([srv, 1]) + bytes.fromhex("818537fa213d7f9f4d5158"))
    write(t, m, "fragmented-with-ping", bytes([srv, 5]) + frame(1, b"Hel", fin=False, mask=K)
          + frame(9, b"p", mask=K) + frame(0, b"lo", mask=K))
    write(t, m, "streaming-binary-fragments", bytes([srv | 4, 7]) + frame(2, b"\x00" * 40, fin=False, mask=K)
          + frame(0, b"\xff" * 40, mask=K))
    write(t, m, "close-with-reason", bytes([srv, 2]) + frame(8, b"\x03\xe8bye", mask=K))
    write(t, m, "close-one-byte", bytes([srv, 2]) + frame(8, b"\x03", mask=K))
    write(t, m, "close-code-999", bytes([srv, 2]) + frame(8, b"\x03\xe7", mask=K))
    write(t, m, "invalid-utf8-mid-fragment", bytes([srv, 1]) + frame(1, b"ok\xed\xa0\x80", fin=False, mask=K))
    write(t, m, "length-64-top-bit", bytes([srv, 9]) + bytes([0x82, 0xFF]) + b"\x80" + b"\x00" * 7 + K)
    write(t, m, "length-1gib", bytes([cli, 9]) + bytes([0x82, 0x7F]) + struct.pack(">Q", 1 << 30))
    write(t, m, "non-minimal-16", bytes([cli, 4]) + frame(2, b"abc", length_form="16"))
    write(t, m, "reserved-opcode", bytes([cli, 4]) + frame(3, b""))
    write(t, m, "rsv2", bytes([cli, 4]) + frame(1, b"x", rsv=2))
    write(t, m, "continuation-without-start", bytes([srv, 4]) + frame(0, b"x", mask=K))
    write(t, m, "many-fragments", bytes([srv, 1]) + frame(2, b"a", fin=False, mask=K)
          + b"".join(frame(0, b"a", fin=False, mask=K) for _ in range(20)))
    write(t, m, "server-masked-to-client", bytes([cli, 4]) + frame(1, b"hi", mask=K))
    write(t, m, "client-unmasked-to-server", bytes([srv, 4]) + frame(1, b"hi"))
    write(t, m, "ping-126", bytes([srv, 4]) + frame(9, b"p" * 126, mask=K))
    comp = deflate_raw(b"Hello" * 50)
    write(t, m, "deflate-text", bytes([srv | 2, 11]) + frame(1, comp, rsv=4, mask=K))
    write(t, m, "deflate-fragmented", bytes([srv | 2, 6]) + frame(1, comp[:5], rsv=4, fin=False, mask=K)
          + frame(0, comp[5:], mask=K))
    write(t, m, "deflate-bomb", bytes([cli | 2, 200]) + frame(2, deflate_raw(b"\x00" * 200_000)[:1000], rsv=4))
    write(t, m, "rsv1-on-continuation", bytes([srv | 2, 6]) + frame(1, comp[:5], rsv=4, fin=False, mask=K)
          + frame(0, comp[5:], rsv=4, mask=K))


def inflater_seeds():
    m, t = "inflatesOrFailsTypedWithinTheLimit", "InflaterFuzzTest"

    def rec(data, end=True):
        return struct.pack(">H", len(data) | (0x8000 if end else 0)) + data

    write(t, m, "rfc7692-7.2.3.1-hello", bytes([0, 0x10, 0]) + rec(bytes.fromhex("f248cdc9c90700")))
    write(t, m, "rfc7692-7.2.3.2-two-messages-shared-window",
          bytes([0, 0x10, 0]) + rec(bytes.fromhex("f248cdc9c90700")) + rec(bytes.fromhex("f200110000")))
    write(t, m, "rfc7692-7.2.3.3-stored-block", bytes([2, 0x10, 0]) + rec(bytes.fromhex("00050000fa48656c6c6f00")))
    write(t, m, "rfc7692-7.2.3.4-bfinal", bytes([1, 0x10, 0]) + rec(bytes.fromhex("f348cdc9c90700")))
    write(t, m, "split-across-records", bytes([0, 0x10, 0]) + rec(bytes.fromhex("f248cd"), end=False)
          + rec(bytes.fromhex("c9c90700")))
    bomb = deflate_raw(b"\x00" * 1_000_000)
    write(t, m, "bomb-limit-4096", bytes([0, 0x10, 0x00]) + rec(bomb))
    write(t, m, "exactly-limit", bytes([0, 0x00, 0x05]) + rec(bytes.fromhex("f248cdc9c90700")))
    write(t, m, "limit-plus-one", bytes([0, 0x00, 0x04]) + rec(bytes.fromhex("f248cdc9c90700")))
    write(t, m, "corrupt", bytes([0, 0x10, 0]) + rec(b"\xff\xff\xff\xff"))
    write(t, m, "preset-dictionary-bits", bytes([1, 0x10, 0]) + rec(b"\x07\x00"))


def extension_seeds():
    m, t = "parsesLinearlyIntoOffersOrTypedRefusals", "ExtensionHeaderFuzzTest"
    for name, value in [
        ("plain", "permessage-deflate"),
        ("all-params", "permessage-deflate; client_max_window_bits=10; server_max_window_bits=15; "
                       "client_no_context_takeover; server_no_context_takeover"),
        ("quoted", 'permessage-deflate; client_max_window_bits="12", foo'),
        ("bad-window", "permessage-deflate; server_max_window_bits=7, permessage-deflate"),
        ("duplicate", "permessage-deflate; client_no_context_takeover; client_no_context_takeover"),
        ("unknown-param", "permessage-deflate; x-foo=1"),
        ("non-numeric", "permessage-deflate; client_max_window_bits=abc"),
        ("empty-elements", ",, ,permessage-deflate,,"),
        ("unterminated-quote", 'permessage-deflate; a="b'),
        ("escape", 'x; a="b\\"c"'),
        ("many-semicolons", "a" + ";" * 200),
        ("response-with-client-bits", "permessage-deflate; client_max_window_bits=9"),
    ]:
        write(t, m, name, value.encode("latin-1"))


def subprotocol_seeds():
    m, t = "readsDistinctTokensOrRefusesWith400", "SubprotocolHeaderFuzzTest"
    for name, value in [
        ("two", "chat, superchat"),
        ("two-lines", "chat\nsuperchat"),
        ("duplicate", "chat, chat"),
        ("empty-elements", " , chat ,, "),
        ("not-a-token", "chat; v=1"),
        ("spaces-inside", "ch at"),
        ("long", ",".join("p%d" % i for i in range(900))),
    ]:
        write(t, m, name, value.encode("latin-1"))


def handshake_seeds():
    m, t = "endsOnlyInTypedAnswers", "HandshakeRequestFuzzTest"
    good = ("GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            "Sec-WebSocket-Protocol: chat, superchat\r\n"
            "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
    write(t, m, "rfc6455-4.1-request", b"\x01" + good.encode())
    write(t, m, "rfc6455-4.1-request-with-frame", b"\x05" + good.encode() + bytes.fromhex("818537fa213d7f9f4d5158"))
    write(t, m, "version-8", b"\x03" + good.replace("Version: 13", "Version: 8").encode())
    write(t, m, "post", b"\x03" + good.replace("GET", "POST").encode())
    write(t, m, "bare-lf", b"\x07" + good.replace("\r\n", "\n").encode())
    write(t, m, "folded", b"\x07" + good.replace("Upgrade: websocket", "Upgrade:\r\n websocket").encode())
    write(t, m, "nul-in-value", b"\x07" + good.replace("server.example.com", "a\x00b").encode())
    write(t, m, "too-many-lines", b"\x40" + ("GET / HTTP/1.1\r\n" + "X: y\r\n" * 40 + "\r\n").encode())
    write(t, m, "two-keys", b"\x02" + good.replace("Sec-WebSocket-Version", "Sec-WebSocket-Key: x\r\nSec-WebSocket-Version").encode())
    write(t, m, "http-1.0", b"\x02" + good.replace("HTTP/1.1", "HTTP/1.0").encode())


def utf8_seeds():
    m, t = "agreesWithJdkDecoderInAnyPieces", "Utf8ValidatorFuzzTest"
    for name, value in [
        ("ascii", b"Hello-World"),
        ("two-three-four-byte", "é€𝄞".encode()),
        ("overlong-c0-80", b"\xc0\x80"),
        ("surrogate-ed-a0-80", b"a\xed\xa0\x80"),
        ("above-max-f4-90", b"\xf4\x90\x80\x80"),
        ("f5", b"\xf5"),
        ("truncated", "κόσμε".encode()[:-1]),
        ("max-code-point", b"\xf4\x8f\xbf\xbf"),
        ("overlong-e0-80", b"\xe0\x80\xaf"),
        ("lone-continuation", b"abc\x80def"),
    ]:
        write(t, m, name, b"\x01\x02" + value)
        write(t, m, name + "-pieces-of-1", b"\x00\x00" + value)


if __name__ == "__main__":
    connection_seeds()
    inflater_seeds()
    extension_seeds()
    subprotocol_seeds()
    handshake_seeds()
    utf8_seeds()
