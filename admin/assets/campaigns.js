// The campaign pages' browser script, progressive enhancement only (every page works without it): a confirmation on
// dangerous buttons, the upload size check, the import's live progress bar (server-sent events), and on the calling
// screen the heartbeat that keeps the claimed contact and the skip logic that hides skipped questions.
// Served as a file: the CSP forbids inline scripts. Nothing from the server is inserted as HTML.
(function () {
  'use strict';
  var csrf = document.body.getAttribute('data-csrf') || '';

  // === <button data-confirm-button="question">
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-confirm-button]');
    if (button && !window.confirm(button.getAttribute('data-confirm-button'))) event.preventDefault();
  });

  // === Upload: refuse a file over the limit before sending it
  var upload = document.querySelector('form[data-upload]');
  if (upload) {
    upload.addEventListener('submit', function (event) {
      var input = upload.querySelector('input[type=file]');
      var max = Number(upload.getAttribute('data-max-bytes'));
      var file = input && input.files && input.files[0];
      if (file && max && file.size > max) {
        event.preventDefault();
        var out = upload.querySelector('[data-upload-error]');
        out.textContent = upload.getAttribute('data-too-big');
        out.hidden = false;
      }
    });
  }

  // === Live results: <div data-results-events="url"> gets the server's re-rendered part (escaped on the server).
  var results = document.querySelector('[data-results-events]');
  if (results && window.EventSource) {
    var feed = new EventSource(results.getAttribute('data-results-events'));
    feed.addEventListener('results', function (event) {
      results.innerHTML = event.data;
    });
  }

  // === Import progress: <section data-import-events="url">
  var progress = document.querySelector('[data-import-events]');
  if (progress && window.EventSource) {
    var bar = progress.querySelector('[data-import-bar]');
    var line = progress.querySelector('[data-import-line]');
    var source = new EventSource(progress.getAttribute('data-import-events'));
    source.addEventListener('progress', function (event) {
      var p = JSON.parse(event.data);
      bar.value = p.percent;
      bar.textContent = p.percent + '%';
      var label = progress.getAttribute('data-label-' + p.status) || '';
      line.textContent = (label ? label + ': ' : '') + p.value + ' / ' + (p.total || '…');
      ['imported', 'merged', 'rejected', 'warnings'].forEach(function (k) {
        var node = progress.querySelector('[data-import-count="' + k + '"]');
        if (node) node.textContent = Number(p[k]).toLocaleString('ru-RU');
      });
      if (p.status === 'done' || p.status === 'failed') {
        source.close();
        window.location.reload();
      }
    });
  }

  // === Calling screen: the heartbeat keeps the claim while the page is open
  var calling = document.querySelector('form[data-heartbeat]');
  if (calling) {
    var claim = calling.querySelector('input[name=claimId]').value;
    var lost = document.querySelector('[data-lease-lost]');
    var beat = function () {
      var body = new URLSearchParams({ claimId: claim });
      fetch(calling.getAttribute('data-heartbeat'), {
        method: 'POST', credentials: 'same-origin', body: body,
        headers: { 'x-csrf-token': csrf, 'content-type': 'application/x-www-form-urlencoded' },
      }).then(function (res) { return res.ok ? res.json() : { alive: false }; }).then(function (answer) {
        if (lost) lost.hidden = answer.alive;
        var used = document.querySelector('[data-quota-used]');
        if (used && answer.quota) used.textContent = Number(answer.quota.used).toLocaleString('ru-RU');
      }).catch(function () { if (lost) lost.hidden = false; });
    };
    setInterval(beat, 30000);
  }

  // === Calling screen: skip logic — questions an answer skips are hidden (the server applies the same rules)
  var sheet = document.querySelector('[data-survey]');
  if (sheet) {
    var survey = JSON.parse(sheet.getAttribute('data-survey'));
    var answerOf = function (id) {
      var inputs = sheet.querySelectorAll('[name="a_' + id + '"]');
      var values = [];
      inputs.forEach(function (input) {
        if ((input.type === 'radio' || input.type === 'checkbox') ? input.checked : input.value.trim()) values.push(input.value);
      });
      return values;
    };
    var matches = function (when, values) {
      if (when.option !== undefined) return values.indexOf(when.option) >= 0;
      return values.length === 1 && Number(values[0]) >= when.from && Number(values[0]) <= when.to;
    };
    var apply = function () {
      var next = survey.length ? survey[0].id : 'end';
      survey.forEach(function (q, i) {
        var item = sheet.querySelector('[data-question-id="' + q.id + '"]');
        var onPath = q.id === next;
        item.hidden = !onPath;
        if (!onPath) return;
        var values = answerOf(q.id);
        var rule = q.skip.filter(function (r) { return matches(r.when, values); })[0];
        next = rule ? rule.goTo : (survey[i + 1] ? survey[i + 1].id : 'end');
      });
    };
    sheet.addEventListener('change', apply);
    apply();
  }
})();
