// The sample page: plain JavaScript, no build step. One WebSocket per panel.
'use strict';

function socketUrl(path) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return scheme + '//' + location.host + path;
}

function addLine(list, text, cls) {
  const li = document.createElement('li');
  li.textContent = text;
  if (cls) li.className = cls;
  list.appendChild(li);
  while (list.children.length > 200) list.removeChild(list.firstChild);
  list.scrollTop = list.scrollHeight;
}

function time(ms) {
  return new Date(ms).toLocaleTimeString();
}

// --- Chat -------------------------------------------------------------------------------------
(function chat() {
  const $ = (id) => document.getElementById(id);
  const log = $('chat-log');
  let socket = null;

  function setConnected(connected) {
    $('chat-text').disabled = !connected;
    $('chat-send').disabled = !connected;
    $('chat-leave-button').disabled = !connected;
    $('chat-join-button').disabled = connected;
  }

  $('chat-join').addEventListener('submit', (e) => {
    e.preventDefault();
    const room = encodeURIComponent($('chat-room').value.trim() || 'lobby');
    const nick = $('chat-nick').value.trim();
    socket = new WebSocket(socketUrl('/chat/' + room));
    $('chat-status').textContent = 'connecting';
    socket.onopen = () => {
      $('chat-status').textContent = 'connected to ' + decodeURIComponent(room);
      $('chat-extensions').textContent = socket.extensions || 'none';
      socket.send(JSON.stringify({ type: 'join', nick: nick }));
      setConnected(true);
    };
    socket.onmessage = (event) => {
      const m = JSON.parse(event.data);
      if (m.type === 'message') addLine(log, time(m.at) + ' ' + m.nick + ': ' + m.text, 'message');
      else if (m.type === 'joined') addLine(log, time(m.at) + ' ' + m.nick + ' joined ' + m.room, 'notice');
      else if (m.type === 'left') addLine(log, time(m.at) + ' ' + m.nick + ' left', 'notice');
      else if (m.type === 'error') addLine(log, 'error: ' + m.text, 'error');
    };
    socket.onclose = (event) => {
      $('chat-status').textContent = 'closed (' + event.code + (event.reason ? ' ' + event.reason : '') + ')';
      setConnected(false);
    };
  });

  $('chat-leave-button').addEventListener('click', () => socket && socket.close(1000, 'bye'));

  $('chat-say').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('chat-text').value;
    if (socket && socket.readyState === WebSocket.OPEN && text.trim()) {
      socket.send(JSON.stringify({ type: 'say', text: text }));
      $('chat-text').value = '';
    }
  });
})();

// --- Live feed --------------------------------------------------------------------------------
(function feed() {
  const $ = (id) => document.getElementById(id);
  let socket = null;
  let ticks = 0;

  function render(tick) {
    const body = $('feed-quotes');
    body.replaceChildren(...tick.quotes.map((q) => {
      const tr = document.createElement('tr');
      const change = q.change / 100;
      [q.symbol, (q.price / 100).toFixed(2), (change >= 0 ? '+' : '') + change.toFixed(2)].forEach((v, i) => {
        const td = document.createElement('td');
        td.textContent = v;
        if (i === 2) td.className = change >= 0 ? 'up' : 'down';
        tr.appendChild(td);
      });
      return tr;
    }));
  }

  $('feed-toggle').addEventListener('click', () => {
    if (socket) {
      socket.close(1000, 'unsubscribe');
      return;
    }
    socket = new WebSocket(socketUrl('/feed'));
    $('feed-status').textContent = 'connecting';
    socket.onopen = () => {
      $('feed-status').textContent = 'subscribed';
      $('feed-extensions').textContent = socket.extensions || 'none';
      $('feed-toggle').textContent = 'Unsubscribe';
    };
    socket.onmessage = (event) => {
      ticks++;
      $('feed-ticks').textContent = String(ticks);
      render(JSON.parse(event.data));
    };
    socket.onclose = (event) => {
      $('feed-status').textContent = 'closed (' + event.code + ')';
      $('feed-toggle').textContent = 'Subscribe';
      socket = null;
    };
  });
})();

// --- Echo -------------------------------------------------------------------------------------
(function echo() {
  const $ = (id) => document.getElementById(id);
  const log = $('echo-log');
  const socket = new WebSocket(socketUrl('/echo'));
  socket.binaryType = 'arraybuffer';
  socket.onopen = () => { $('echo-status').textContent = 'connected (' + (socket.extensions || 'no extensions') + ')'; };
  socket.onclose = (event) => { $('echo-status').textContent = 'closed (' + event.code + ')'; };
  socket.onmessage = (event) => {
    if (typeof event.data === 'string') addLine(log, 'text: ' + event.data);
    else addLine(log, 'binary: ' + event.data.byteLength + ' bytes');
  };
  $('echo-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (socket.readyState === WebSocket.OPEN) socket.send($('echo-text').value);
  });
  $('echo-binary').addEventListener('click', () => {
    const bytes = new Uint8Array(1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i & 0xff;
    if (socket.readyState === WebSocket.OPEN) socket.send(bytes);
  });
})();
