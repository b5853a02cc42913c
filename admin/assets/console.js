// The console's browser script: small progressive enhancement only (every page works without it).
// Served as a file because the CSP forbids inline scripts. No data from the page is ever inserted as HTML
// except fragments the server rendered (and escaped) for us.
(function () {
  'use strict';
  var strings = {};
  try { strings = JSON.parse(document.body.getAttribute('data-strings') || '{}'); } catch (e) { strings = {}; }
  var csrf = document.body.getAttribute('data-csrf') || '';

  // === Copy buttons: <button data-copy="element-id">
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-copy]');
    if (!button) return;
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source || !navigator.clipboard) return;
    navigator.clipboard.writeText(source.textContent || '').then(function () {
      var label = button.textContent;
      button.textContent = button.getAttribute('data-copied') || label;
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  });

  // === Menus of the top bar (<details data-nav-menu>): one open at a time, closed by a click elsewhere or Escape.
  var menus = document.querySelectorAll('details[data-nav-menu]');
  function closeMenus(except) {
    for (var i = 0; i < menus.length; i++) if (menus[i] !== except) menus[i].open = false;
  }
  for (var m = 0; m < menus.length; m++) {
    menus[m].addEventListener('toggle', function (event) { if (event.target.open) closeMenus(event.target); });
  }
  document.addEventListener('click', function (event) {
    if (!event.target.closest || !event.target.closest('details[data-nav-menu]')) closeMenus(null);
  });
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    var open = document.querySelector('details[data-nav-menu][open]');
    if (!open) return;
    closeMenus(null);
    open.querySelector('summary').focus();
  });

  // === Confirmation for dangerous forms: <form data-confirm="question">
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) event.preventDefault();
  });

  // === SLA countdowns: <time data-due="ISO"> ticks every second from the due time the server gave.
  function span(ms) {
    var total = Math.floor(Math.abs(ms) / 1000);
    var h = Math.floor(total / 3600);
    var m = Math.floor((total % 3600) / 60);
    var s = total % 60;
    // A number keeps its unit (no-break space); the parts may wrap in a narrow card.
    var nb = '\u00a0';
    if (h > 0) return h + nb + (strings.hours || 'h') + ' ' + m + nb + (strings.minutes || 'min');
    if (m > 0) return m + nb + (strings.minutes || 'min') + ' ' + s + nb + (strings.seconds || 's');
    return s + nb + (strings.seconds || 's');
  }
  function tick() {
    var now = Date.now();
    var nodes = document.querySelectorAll('time[data-due]');
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      var due = Date.parse(node.getAttribute('data-due'));
      if (isNaN(due)) continue;
      var left = due - now;
      var template = left >= 0 ? strings.dueIn || '{time}' : strings.overdue || '-{time}';
      node.textContent = template.replace('{time}', span(left));
      node.classList.toggle('sla-overdue', left < 0);
      node.classList.toggle('sla-soon', left >= 0 && left < 30 * 60 * 1000);
    }
  }
  tick();
  setInterval(tick, 1000);

  window.consoleKit = { strings: strings, csrf: csrf, tick: tick };
})();

// === Live tickets: server-sent events from /admin/tickets/events. The list swaps in rows the server rendered
// (and escaped); the ticket page refreshes its transcript. New work rings a short WebAudio beep (no sound file)
// and shows a toast, so an agent looking elsewhere notices.
(function () {
  'use strict';
  var kit = window.consoleKit || { strings: {}, tick: function () {} };
  var root = document.querySelector('[data-events]');
  if (!root || !window.EventSource) return;
  var listUrl = root.getAttribute('data-live-list');
  var ticketId = root.getAttribute('data-ticket');
  var transcript = document.querySelector('[data-live-transcript]');
  var status = document.querySelector('[data-live-status]');
  var banner = document.querySelector('[data-changed-banner]');
  var pendingNew = null;
  var timers = {};

  // --- Sound: browsers allow audio only after the person interacted with the page once.
  var audio = null;
  function unlock() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!audio && Ctx) audio = new Ctx();
    if (audio && audio.state === 'suspended') audio.resume();
  }
  document.addEventListener('pointerdown', unlock);
  document.addEventListener('keydown', unlock);
  function tone(freq, start, length) {
    var osc = audio.createOscillator();
    var gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, audio.currentTime + start);
    gain.gain.exponentialRampToValueAtTime(0.18, audio.currentTime + start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + start + length);
    osc.connect(gain);
    gain.connect(audio.destination);
    osc.start(audio.currentTime + start);
    osc.stop(audio.currentTime + start + length + 0.05);
  }
  function beep() {
    if (!audio || audio.state !== 'running') return;
    tone(880, 0, 0.25);
    tone(660, 0.3, 0.35);
  }

  // --- Visual signal: a toast (text only) and a dot in the tab title until the page is looked at.
  var title = document.title;
  function signal(number) {
    beep();
    var toast = document.createElement('div');
    toast.className = 'toast';
    toast.setAttribute('role', 'status');
    toast.textContent = (kit.strings.newWork || 'New') + (number ? ' · T-' + String(number).padStart(6, '0') : '');
    document.body.appendChild(toast);
    setTimeout(function () { toast.remove(); }, 6000);
    if (document.hidden) document.title = '● ' + title;
    document.body.setAttribute('data-signals', String(Number(document.body.getAttribute('data-signals') || '0') + 1));
  }
  document.addEventListener('visibilitychange', function () { if (!document.hidden) document.title = title; });

  function later(name, fn) {
    clearTimeout(timers[name]);
    timers[name] = setTimeout(fn, 250);
  }
  function fetchHtml(url) {
    return fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } }).then(function (res) {
      if (!res.ok) throw new Error(String(res.status));
      return res.text();
    });
  }

  function refreshList() {
    var body = document.getElementById('ticket-rows');
    if (!body) return;
    var before = {};
    body.querySelectorAll('tr[data-ticket]').forEach(function (tr) { before[tr.getAttribute('data-ticket')] = true; });
    fetchHtml(listUrl).then(function (html) {
      body.innerHTML = html; // server-rendered, escaped rows
      var added = 0;
      body.querySelectorAll('tr[data-ticket]').forEach(function (tr) {
        if (!before[tr.getAttribute('data-ticket')]) { tr.classList.add('is-new'); added++; }
      });
      var empty = document.querySelector('[data-empty]');
      if (empty) empty.hidden = body.children.length > 0;
      if (added > 0 && pendingNew !== null) signal(pendingNew);
      pendingNew = null;
      kit.tick();
    }).catch(function () {});
    refreshCounts();
  }

  // The queue tabs' counts, as text the server formatted ("12", "999+").
  function refreshCounts() {
    var url = root.getAttribute('data-live-counts');
    if (!url) return;
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } }).then(function (res) {
      if (!res.ok) throw new Error(String(res.status));
      return res.json();
    }).then(function (counts) {
      document.querySelectorAll('[data-count]').forEach(function (node) {
        var value = counts[node.getAttribute('data-count')];
        if (typeof value === 'string') node.textContent = value;
      });
    }).catch(function () {});
  }

  function refreshTranscript() {
    fetchHtml(transcript.getAttribute('data-live-transcript')).then(function (html) {
      var atBottom = transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 40;
      transcript.innerHTML = html; // server-rendered, escaped messages
      if (atBottom) transcript.scrollTop = transcript.scrollHeight;
    }).catch(function () {});
  }

  if (transcript) transcript.scrollTop = transcript.scrollHeight;

  var source = new EventSource(root.getAttribute('data-events'));
  source.addEventListener('ready', function () {
    if (!status) return;
    status.hidden = false;
    status.classList.remove('offline');
    status.textContent = status.getAttribute('data-online');
  });
  source.onerror = function () {
    if (!status) return;
    status.hidden = false;
    status.classList.add('offline');
    status.textContent = kit.strings.offline || '…';
  };
  source.addEventListener('ticket', function (event) {
    var data;
    try { data = JSON.parse(event.data); } catch (e) { return; }
    if (listUrl) {
      if (data.kind === 'new') pendingNew = data.number;
      later('list', refreshList);
    }
    if (ticketId && transcript) {
      if (data.id === ticketId) {
        if (/^ticket\.message_/.test(data.event)) later('transcript', refreshTranscript);
        else if (data.event !== 'ticket.updated' && banner) banner.hidden = false;
      } else if (data.kind === 'new') {
        signal(data.number);
      }
    }
  });

  // Ctrl+Enter (⌘+Enter) sends the reply.
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && event.target.form && event.target.name === 'text') {
      event.preventDefault();
      event.target.form.requestSubmit();
    }
  });
})();

// === Live SMS outbox: /admin/sms/events says when the first page changed; the rows the server rendered (and
// escaped) are swapped in, so a code sent a moment ago appears without a reload.
(function () {
  'use strict';
  var table = document.querySelector('[data-sms-events]');
  if (!table || !window.EventSource) return;
  var body = document.getElementById('sms-rows');
  var empty = document.querySelector('[data-empty]');
  var status = document.querySelector('[data-live-status]');
  var source = new EventSource(table.getAttribute('data-sms-events'));
  function online(ok) {
    if (!status) return;
    status.hidden = false;
    status.classList.toggle('offline', !ok);
    status.textContent = ok ? status.getAttribute('data-online') : ((window.consoleKit && window.consoleKit.strings.offline) || '…');
  }
  source.addEventListener('ready', function () { online(true); });
  source.onerror = function () { online(false); };
  source.addEventListener('changed', function () {
    fetch(table.getAttribute('data-sms-rows'), { credentials: 'same-origin', headers: { accept: 'text/html' } }).then(function (res) {
      if (!res.ok) throw new Error(String(res.status));
      return res.text();
    }).then(function (html) {
      var before = {};
      body.querySelectorAll('tr[data-sms]').forEach(function (tr) { before[tr.getAttribute('data-sms')] = true; });
      body.innerHTML = html; // server-rendered, escaped rows
      body.querySelectorAll('tr[data-sms]').forEach(function (tr) { if (!before[tr.getAttribute('data-sms')]) tr.classList.add('is-new'); });
      table.hidden = body.children.length === 0;
      if (empty) empty.hidden = body.children.length > 0;
    }).catch(function () {});
  });
})();
