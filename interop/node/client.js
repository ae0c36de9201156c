// Interop scenarios against a wsstack endpoint, driven by the Java end-to-end tests:
//   node client.js <ws-url> <scenario>
// Prints "key=value" lines the test asserts on, then "done"; exits 1 on any failure or after 10 s.
'use strict';

const WebSocket = require('ws');

const [url, scenario] = process.argv.slice(2);
const timer = setTimeout(() => fail('timeout'), 10000);

function fail(reason) {
  console.log('error=' + reason);
  process.exit(1);
}

function finish(ws) {
  clearTimeout(timer);
  console.log('done');
  ws.close(1000);
  ws.on('close', () => process.exit(0));
}

function nextMessage(ws) {
  return new Promise((resolve) => ws.once('message', (data, isBinary) => resolve({ data, isBinary })));
}

const options = {};
let protocols = [];
if (scenario === 'compressed') {
  options.perMessageDeflate = true;
} else {
  options.perMessageDeflate = false;
}
if (scenario === 'subprotocol') {
  protocols = ['chat.v1', 'chat.v2'];
}

const ws = new WebSocket(url, protocols, options);
let extensionsHeader = '';
ws.on('upgrade', (res) => { extensionsHeader = res.headers['sec-websocket-extensions'] || ''; });
ws.on('error', (e) => fail(e.message));
ws.on('unexpected-response', (req, res) => fail('status ' + res.statusCode));

ws.on('open', async () => {
  switch (scenario) {
    case 'text': {
      ws.send('hello from node');
      const m = await nextMessage(ws);
      console.log('text=' + m.data.toString());
      break;
    }
    case 'binary': {
      ws.send(Buffer.from([1, 2, 3, 250]));
      const m = await nextMessage(ws);
      console.log('binary=' + Buffer.from(m.data).toString('hex') + ' isBinary=' + m.isBinary);
      break;
    }
    case 'fragmented': {
      ws.send('frag', { fin: false });
      ws.send('men', { fin: false });
      ws.send('ted', { fin: true });
      const m = await nextMessage(ws);
      console.log('text=' + m.data.toString());
      break;
    }
    case 'compressed': {
      const big = 'wsstack compresses this line. '.repeat(200);
      ws.send(big, { compress: true });
      const m = await nextMessage(ws);
      // ws.extensions lists names only; the response header carries the negotiated parameters.
      console.log('extensions=' + extensionsHeader);
      console.log('echoed=' + (m.data.toString() === big));
      break;
    }
    case 'room': {
      ws.send('x');
      const m = await nextMessage(ws);
      console.log('text=' + m.data.toString());
      break;
    }
    case 'subprotocol': {
      console.log('protocol=' + ws.protocol);
      break;
    }
    default:
      fail('unknown scenario ' + scenario);
  }
  finish(ws);
});
