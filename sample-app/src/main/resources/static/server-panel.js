// The Server panel: subscribes to /stats (one JSON snapshot a second, computed by the server from its
// own ws.* meters) and draws, per endpoint, the open sessions, messages per second in and out, wire
// against payload bytes, and the close codes of the last minute. Plain canvas, no library.
'use strict';

(function serverPanel() {
  const HISTORY = 60; // points per chart: one minute at one snapshot a second
  const COLORS = { in: '#2667c9', out: '#e07b00', wire: '#8e44ad', payload: '#1a7f37', sessions: '#1d232b' };
  const $ = (id) => document.getElementById(id);
  const cards = new Map(); // endpoint name -> { elements, history }

  function formatRate(n) {
    if (n >= 1000) return (n / 1000).toFixed(1) + 'k';
    return n >= 10 ? n.toFixed(0) : n.toFixed(1);
  }

  function formatBytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB'];
    let i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n.toFixed(0) : n.toFixed(1)) + ' ' + units[i];
  }

  function element(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function figure(card, key, label) {
    const f = element('div', 'figure');
    const value = element('b', null, '0');
    value.id = 'server-' + card + '-' + key;
    f.append(value, element('span', null, label));
    return { node: f, value: value };
  }

  function createCard(endpoint) {
    const root = element('div', 'endpoint-card');
    root.id = 'server-' + endpoint.name;
    const title = element('h3', null, endpoint.name + ' ');
    title.appendChild(element('code', null, endpoint.path));
    const figures = element('div', 'figures');
    const f = {
      sessions: figure(endpoint.name, 'sessions', 'sessions'),
      in: figure(endpoint.name, 'in', 'msg/s in'),
      out: figure(endpoint.name, 'out', 'msg/s out'),
      ratio: figure(endpoint.name, 'ratio', 'payload ÷ wire'),
    };
    Object.values(f).forEach((x) => figures.appendChild(x.node));
    root.append(title, figures);
    const charts = {};
    [['sessions', 'open sessions'], ['messages', 'messages/s in · out'], ['bytes', 'bytes/s wire · payload']]
      .forEach(([key, label]) => {
        charts[key] = element('canvas');
        charts[key].id = 'server-' + endpoint.name + '-chart-' + key;
        root.append(element('p', 'chart-label', label), charts[key]);
      });
    const closes = element('p', 'closes');
    closes.id = 'server-' + endpoint.name + '-closes';
    root.appendChild(closes);
    $('server-endpoints').appendChild(root);
    return {
      figures: f, charts: charts, closes: closes,
      history: { sessions: [], in: [], out: [], wire: [], payload: [] },
    };
  }

  function push(series, value) {
    series.push(value);
    if (series.length > HISTORY) series.shift();
  }

  // Draws up to HISTORY points per series, newest on the right, all series on one scale from zero.
  function draw(canvas, seriesList) {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth * ratio;
    const height = canvas.clientHeight * ratio;
    if (canvas.width !== width || canvas.height !== height) { canvas.width = width; canvas.height = height; }
    const ctx = canvas.getContext('2d');
    ctx.clearRect(0, 0, width, height);
    const max = Math.max(1, ...seriesList.flatMap((s) => s.values));
    const step = width / (HISTORY - 1);
    const pad = 3 * ratio;
    seriesList.forEach((s) => {
      if (s.values.length === 0) return;
      ctx.beginPath();
      ctx.strokeStyle = s.color;
      ctx.lineWidth = 1.5 * ratio;
      const offset = HISTORY - s.values.length;
      s.values.forEach((v, i) => {
        const x = (offset + i) * step;
        const y = height - pad - (v / max) * (height - 2 * pad);
        if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
      });
      ctx.stroke();
    });
    ctx.fillStyle = '#666';
    ctx.font = (10 * ratio) + 'px system-ui, sans-serif';
    ctx.fillText(seriesList[0].format(max), 3 * ratio, 11 * ratio);
  }

  function renderCloses(node, recent) {
    const codes = Object.keys(recent);
    if (codes.length === 0) {
      node.textContent = 'closes, last minute: none';
      return;
    }
    node.replaceChildren(document.createTextNode('closes, last minute: '));
    codes.forEach((code) => {
      node.appendChild(element('code', null, code + ' ×' + recent[code]));
    });
  }

  function render(snapshot) {
    $('server-at').textContent = new Date(snapshot.at).toLocaleTimeString();
    snapshot.endpoints.forEach((endpoint) => {
      let card = cards.get(endpoint.name);
      if (!card) {
        card = createCard(endpoint);
        cards.set(endpoint.name, card);
      }
      const h = card.history;
      push(h.sessions, endpoint.sessions);
      push(h.in, endpoint.messagesIn);
      push(h.out, endpoint.messagesOut);
      push(h.wire, endpoint.wireIn + endpoint.wireOut);
      push(h.payload, endpoint.payloadIn + endpoint.payloadOut);
      card.figures.sessions.value.textContent = String(endpoint.sessions);
      card.figures.in.value.textContent = formatRate(endpoint.messagesIn);
      card.figures.out.value.textContent = formatRate(endpoint.messagesOut);
      card.figures.ratio.value.textContent =
        endpoint.wireTotal > 0 ? (endpoint.payloadTotal / endpoint.wireTotal).toFixed(2) : '–';
      draw(card.charts.sessions, [{ values: h.sessions, color: COLORS.sessions, format: (m) => String(Math.round(m)) }]);
      draw(card.charts.messages, [
        { values: h.in, color: COLORS.in, format: (m) => formatRate(m) + '/s' },
        { values: h.out, color: COLORS.out },
      ]);
      draw(card.charts.bytes, [
        { values: h.wire, color: COLORS.wire, format: (m) => formatBytes(m) + '/s' },
        { values: h.payload, color: COLORS.payload },
      ]);
      renderCloses(card.closes, endpoint.recentCloses);
    });
  }

  // Reconnects after a pause when the server goes away (restart, redeploy), so the panel heals itself.
  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(scheme + '//' + location.host + '/stats');
    $('server-status').textContent = 'connecting';
    socket.onopen = () => { $('server-status').textContent = 'live'; };
    socket.onmessage = (event) => render(JSON.parse(event.data));
    socket.onclose = (event) => {
      $('server-status').textContent = 'closed (' + event.code + '), retrying';
      setTimeout(connect, 3000);
    };
  }

  connect();
})();
