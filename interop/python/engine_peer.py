"""A real `websockets` peer for the engine's interop tests (permessage-deflate in both directions).

    python3 engine_peer.py server <mode>       prints "PORT <n>", echoes every message
    python3 engine_peer.py client <url> <mode>  sends the standard messages, expects
                                                identical echoes, prints "OK <n> <extensions>"
<mode> is takeover, no-takeover, window-<N> (context takeover; server_max_window_bits=N and
client_max_window_bits=N in the offer or the server's configuration) or server-window-<N> (only the
server's window limited to N). CPython's zlib refuses to
compress raw deflate with 8 window bits, so at window-8 this peer compresses with 9 and inflates with 8.
Runs with Debian's python3-websockets (10.x API).
"""
import asyncio
import json
import sys

import websockets
from websockets.extensions.permessage_deflate import (
    ClientPerMessageDeflateFactory,
    ServerPerMessageDeflateFactory,
)


def standard_messages():
    big = json.dumps([{"id": i, "name": "user-%d" % i, "online": i % 3 == 0} for i in range(400)],
                     separators=(",", ":"))
    seed = 42
    noise = bytearray(5000)
    for i in range(len(noise)):
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        noise[i] = seed & 0xFF
    return ["Hello", big, "héllo wörld ✓ 𝄞", "", bytes(range(256)), bytes(100000), bytes(noise), "Hello"]


def no_takeover(mode):
    return mode == "no-takeover"


def window(mode):
    """(inflate bits, compress bits) for window-N, or (None, None)."""
    if mode.startswith("server-window-"):
        bits = int(mode[len("server-window-"):])
        return None, max(bits, 9)
    if not mode.startswith("window-"):
        return None, None
    bits = int(mode[len("window-"):])
    return bits, max(bits, 9)


async def serve(mode):
    inflate_bits, compress_bits = window(mode)
    factory = ServerPerMessageDeflateFactory(
        server_no_context_takeover=no_takeover(mode), client_no_context_takeover=no_takeover(mode),
        server_max_window_bits=compress_bits, client_max_window_bits=inflate_bits)

    async def echo(ws, path=None):
        async for message in ws:
            await ws.send(message)

    server = await websockets.serve(echo, "127.0.0.1", 0, extensions=[factory], compression=None,
                                    max_size=None)
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)  # until the test closes our stdin
    server.close()


async def client(url, mode):
    inflate_bits, compress_bits = window(mode)
    factory = ClientPerMessageDeflateFactory(
        server_no_context_takeover=no_takeover(mode), client_no_context_takeover=no_takeover(mode),
        server_max_window_bits=inflate_bits, client_max_window_bits=compress_bits or True)
    expected = standard_messages()
    async with websockets.connect(url, extensions=[factory], compression=None, max_size=None) as ws:
        for message in expected:
            await ws.send(message)
        for i, want in enumerate(expected):
            got = await asyncio.wait_for(ws.recv(), 20)
            if got != want:
                print("FAIL echo %d differs" % i, flush=True)
                return 1
        names = ",".join(repr(e) for e in ws.extensions) or "none"
        print("OK %d %s" % (len(expected), names), flush=True)
    return 0


def main():
    role = sys.argv[1] if len(sys.argv) > 1 else ""
    if role == "server":
        asyncio.run(serve(sys.argv[2]))
        return 0
    if role == "client":
        return asyncio.run(client(sys.argv[2], sys.argv[3]))
    print("usage: engine_peer.py server <mode> | client <url> <mode>", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
