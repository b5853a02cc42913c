// The supervisor's live view: /admin/live/events (server-sent events) says when the view may have changed, and the
// panel the server rendered (and escaped) is swapped in. Waiting times tick every second from `data-since`.
(function () {
  'use strict';
  var root = document.querySelector('[data-live-view]');
  if (!root) return;
  var status = document.querySelector('[data-live-status]');
  var template = root.getAttribute('data-wait-template') || '{m}:{s}';
  function tickWaits() {
    var now = Date.now();
    root.querySelectorAll('[data-since]').forEach(function (node) {
      var since = Date.parse(node.getAttribute('data-since'));
      if (isNaN(since)) return;
      var s = Math.max(0, Math.round((now - since) / 1000));
      node.textContent = template.replace('{m}', String(Math.floor(s / 60))).replace('{s}', String(s % 60).padStart(2, '0'));
    });
  }
  setInterval(tickWaits, 1000);
  if (!window.EventSource) return;
  var timer = null;
  function refresh() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      fetch(root.getAttribute('data-live-view'), { credentials: 'same-origin', headers: { accept: 'text/html' } }).then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        return res.text();
      }).then(function (html) {
        root.innerHTML = html; // server-rendered, escaped
        root.setAttribute('data-refreshed', String(Number(root.getAttribute('data-refreshed') || '0') + 1));
        tickWaits();
        if (window.consoleKit) window.consoleKit.tick();
      }).catch(function () {});
    }, 200);
  }
  function online(ok) {
    if (!status) return;
    status.hidden = false;
    status.classList.toggle('offline', !ok);
    status.textContent = status.getAttribute(ok ? 'data-online' : 'data-offline') || '';
  }
  var source = new EventSource(root.getAttribute('data-live-events'));
  source.addEventListener('ready', function () { online(true); });
  source.onerror = function () { online(false); };
  source.addEventListener('changed', refresh);
})();
