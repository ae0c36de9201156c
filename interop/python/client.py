"""Interop scenarios against a wsstack endpoint, driven by the Java end-to-end tests.

    /usr/bin/python3 client.py <ws-url> <scenario>

Uses Debian's python3-websockets (asyncio API). Prints "key=value" lines the test asserts on,
then "done"; exits 1 on any failure or after 10 s.
"""
import asyncio
import sys

import websockets


async def run(url, scenario):
    compression = "deflate" if scenario == "compressed" else None
    subprotocols = ["chat.v1", "chat.v2"] if scenario == "subprotocol" else None
    async with websockets.connect(url, compression=compression, subprotocols=subprotocols,
                                  open_timeout=10, close_timeout=5) as ws:
        if scenario == "text":
            await ws.send("hello from python")
            print("text=" + await ws.recv())
        elif scenario == "binary":
            await ws.send(bytes([1, 2, 3, 250]))
            data = await ws.recv()
            print("binary=" + data.hex() + " isBinary=" + str(isinstance(data, bytes)).lower())
        elif scenario == "fragmented":
            await ws.send(["frag", "men", "ted"])
            print("text=" + await ws.recv())
        elif scenario == "compressed":
            big = "wsstack compresses this line. " * 200
            await ws.send(big)
            echoed = await ws.recv()
            print("extensions=" + (ws.response_headers.get("Sec-WebSocket-Extensions") or ""))
            print("echoed=" + str(echoed == big).lower())
        elif scenario == "room":
            await ws.send("x")
            print("text=" + await ws.recv())
        elif scenario == "subprotocol":
            print("protocol=" + str(ws.subprotocol))
        else:
            raise ValueError("unknown scenario " + scenario)
    print("done")


def main():
    url, scenario = sys.argv[1], sys.argv[2]
    try:
        asyncio.run(asyncio.wait_for(run(url, scenario), timeout=10))
    except Exception as e:  # any failure is reported for the Java test to print
        print("error=" + repr(e))
        sys.exit(1)


if __name__ == "__main__":
    main()
