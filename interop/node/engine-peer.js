// A real `ws` peer for the engine's interop tests (permessage-deflate in both directions).
//   node engine-peer.js server <takeover|no-takeover>      prints "PORT <n>", echoes every message
//   node engine-peer.js client <url> <takeover|no-takeover> sends the standard messages, expects
//                                                           identical echoes, prints "OK <n> <extensions>"
'use strict';
const WebSocket = require('ws');

// <mode>: takeover, no-takeover, window-<N> (context takeover with server_max_window_bits=N and
// client_max_window_bits=N offered, or configured as the server's limits), or server-window-<N>
// (only the server's own window limited to N).
function deflateOptions(mode) {
  const noTakeover = mode === 'no-takeover';
  const options = { threshold: 0, serverNoContextTakeover: noTakeover, clientNoContextTakeover: noTakeover };
  if (mode.startsWith('server-window-')) {
    options.serverMaxWindowBits = Number(mode.substring('server-window-'.length));
  } else if (mode.startsWith('window-')) {
    const bits = Number(mode.substring('window-'.length));
    options.serverMaxWindowBits = bits;
    options.clientMaxWindowBits = bits;
  }
  return options;
}

// The same messages the Java side and the Python peer use: small, compressible, Unicode, empty, binary.
function standardMessages() {
  const big = JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ id: i, name: 'user-' + i, online: i % 3 === 0 })));
  const bytes = Buffer.alloc(256);
  for (let i = 0; i < 256; i++) bytes[i] = i;
  let seed = 42;
  const noise = Buffer.alloc(5000);
  for (let i = 0; i < noise.length; i++) { seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff; noise[i] = seed & 0xff; }
  return [
    { data: 'Hello', binary: false },
    { data: big, binary: false },
    { data: 'héllo wörld ✓ 𝄞', binary: false },
    { data: '', binary: false },
    { data: bytes, binary: true },
    { data: Buffer.alloc(100000), binary: true },
    { data: noise, binary: true },
    { data: 'Hello', binary: false },
  ];
}

function runServer(mode) {
  const wss = new WebSocket.Server({ host: '127.0.0.1', port: 0, perMessageDeflate: deflateOptions(mode) });
  wss.on('listening', () => console.log('PORT ' + wss.address().port));
  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
    ws.on('error', (e) => console.error('server error: ' + e.message));
  });
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

function runClient(url, mode) {
  const expected = standardMessages();
  const ws = new WebSocket(url, { perMessageDeflate: deflateOptions(mode) });
  let received = 0;
  const fail = (why) => { console.log('FAIL ' + why); process.exit(1); };
  setTimeout(() => fail('timeout after ' + received + ' echoes'), 20000).unref();
  ws.on('open', () => expected.forEach((m) => ws.send(m.data, { binary: m.binary })));
  ws.on('message', (data, isBinary) => {
    const want = expected[received];
    const same = isBinary === want.binary && Buffer.compare(Buffer.from(data), Buffer.from(want.data)) === 0;
    if (!same) fail('echo ' + received + ' differs');
    received++;
    if (received === expected.length) {
      // The negotiated parameters as "name=value" pairs, so that tests can check the windows agreed.
      const pmd = ws._extensions && ws._extensions['permessage-deflate'];
      const params = pmd ? Object.entries(pmd.params).map(([k, v]) => k + '=' + v).join('; ') : '';
      console.log('OK ' + received + ' ' + (ws.extensions || 'none') + ' ' + params);
      ws.close(1000, 'done');
    }
  });
  ws.on('close', (code) => process.exit(received === expected.length && code === 1000 ? 0 : 1));
  ws.on('error', (e) => fail(e.message));
}

const [role, a, b] = process.argv.slice(2);
if (role === 'server') runServer(a);
else if (role === 'client') runClient(a, b);
else { console.error('usage: engine-peer.js server <mode> | client <url> <mode>'); process.exit(2); }
