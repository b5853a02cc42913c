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
    if (h > 0) return h + ' ' + (strings.hours || 'h') + ' ' + m + ' ' + (strings.minutes || 'min');
    if (m > 0) return m + ' ' + (strings.minutes || 'min') + ' ' + s + ' ' + (strings.seconds || 's');
    return s + ' ' + (strings.seconds || 's');
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
