/**
 * @module The web-chat page served at `/` (and inside the widget's frame): server-rendered shell with escaped
 * values, a small script that talks to /webchat/events (SSE) and /webchat/send, and styles that work from
 * 320 px phones up. Messages are inserted with textContent only, so nothing a person types can become markup.
 */
import { html, raw } from 'hono/html';
import { translator } from '../../core/i18n/i18n.ts';
import type { Language } from '../../core/i18n/model.ts';
import { MAX_TYPED_TEXT } from '../engine/text-limit.ts';

const CHROME_KEYS = ['title', 'subtitle', 'placeholder', 'send', 'messages', 'you', 'bot', 'connecting', 'offline', 'tooFast', 'start'] as const;

/** The page's own labels in both languages, so it can switch when the subscriber changes language in the chat. */
function chromeStrings(): Record<Language, Record<string, string | number>> {
  // `tooLong` keeps "%n" for the script to put the typed length in.
  const pick = (lang: Language) => ({
    ...Object.fromEntries(CHROME_KEYS.map((k) => [k, translator(lang)(`bot:webchat.${k}`)])),
    tooLong: translator(lang)('bot:webchat.tooLong', { max: MAX_TYPED_TEXT, length: '%n' }),
  });
  return { kk: pick('kk'), ru: pick('ru') };
}

/** JSON safe to place inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

export function chatPage(lang: Language, embedded: boolean) {
  const t = translator(lang);
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<link rel="icon" href="data:,">
<title>${t('bot:webchat.title')}</title>
<style>${raw(STYLES)}</style>
</head>
<body class="${embedded ? 'embedded' : ''}">
<main class="chat" aria-labelledby="chat-title">
  <header class="chat-head">
    <div class="logo" aria-hidden="true">KT</div>
    <div>
      <h1 id="chat-title" data-i18n="title">${t('bot:webchat.title')}</h1>
      <p class="sub" data-i18n="subtitle">${t('bot:webchat.subtitle')}</p>
    </div>
  </header>
  <p id="status" class="status" role="status" data-i18n="connecting">${t('bot:webchat.connecting')}</p>
  <section id="log" class="log" role="log" aria-live="polite" aria-relevant="additions text" data-i18n-label="messages" aria-label="${t('bot:webchat.messages')}"></section>
  <form id="composer" class="composer" autocomplete="off">
    <label for="text" class="visually-hidden" data-i18n="placeholder">${t('bot:webchat.placeholder')}</label>
    <input id="text" name="text" type="text" enterkeyhint="send" aria-describedby="limit" data-max="${MAX_TYPED_TEXT}" data-i18n-placeholder="placeholder" placeholder="${t('bot:webchat.placeholder')}">
    <button type="submit" id="send" data-i18n="send">${t('bot:webchat.send')}</button>
  </form>
  <p id="limit" class="limit" role="status" hidden></p>
</main>
<script type="application/json" id="chrome">${raw(scriptJson(chromeStrings()))}</script>
<script>${raw(CLIENT_SCRIPT)}</script>
</body>
</html>`;
}

const STYLES = `
:root { --brand: #0a5cc2; --brand-dark: #06428c; --bg: #eef2f7; --bot: #ffffff; --me: #dbe9ff; --text: #1b2430; --muted: #5b6675; }
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--text); background: var(--bg); }
.chat { display: flex; flex-direction: column; height: 100dvh; max-width: 720px; margin: 0 auto; background: var(--bg); }
.chat-head { display: flex; gap: 12px; align-items: center; padding: 12px 16px; background: var(--brand); color: #fff; }
.chat-head h1 { font-size: 1.05rem; margin: 0; }
.chat-head .sub { margin: 0; font-size: .85rem; opacity: .9; }
.logo { width: 40px; height: 40px; border-radius: 50%; background: #fff; color: var(--brand); display: grid; place-items: center; font-weight: 700; flex: none; }
.status { margin: 0; padding: 6px 16px; font-size: .85rem; color: var(--muted); background: #fff8e1; }
.limit { margin: 0; padding: 6px 16px calc(6px + env(safe-area-inset-bottom)); font-size: .85rem; color: #8a1c1c; background: #fdecea; }
.limit[hidden] { display: none; }
.status[hidden] { display: none; }
.log { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 10px; }
.msg { max-width: 88%; padding: 10px 14px; border-radius: 14px; white-space: pre-wrap; overflow-wrap: anywhere; box-shadow: 0 1px 2px rgba(0,0,0,.06); }
.msg.bot { background: var(--bot); align-self: flex-start; border-bottom-left-radius: 4px; }
.msg.me { background: var(--me); align-self: flex-end; border-bottom-right-radius: 4px; }
.msg a { color: var(--brand-dark); }
.choices { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 10px; }
.choices button, .link-button { font: inherit; font-size: .95rem; padding: 8px 12px; min-height: 44px; border-radius: 10px; border: 1px solid var(--brand); background: #fff; color: var(--brand-dark); cursor: pointer; text-align: left; text-decoration: none; display: inline-flex; align-items: center; }
.choices button:hover:not(:disabled) { background: #eaf2ff; }
.choices button:disabled { opacity: .5; cursor: default; }
.link-button { margin-top: 10px; }
.composer { display: flex; gap: 8px; padding: 10px 12px calc(10px + env(safe-area-inset-bottom)); background: #fff; border-top: 1px solid #d6dde7; }
.composer input { flex: 1; min-width: 0; font: inherit; padding: 10px 12px; border: 1px solid #b8c3d1; border-radius: 10px; }
.composer button { font: inherit; padding: 10px 16px; border: 0; border-radius: 10px; background: var(--brand); color: #fff; cursor: pointer; }
:focus-visible { outline: 3px solid #ffb300; outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
body.embedded .chat { max-width: none; }
@media (min-width: 760px) { body:not(.embedded) .chat { height: calc(100dvh - 32px); margin-top: 16px; border-radius: 16px; overflow: hidden; box-shadow: 0 8px 30px rgba(0,0,0,.12); } }
`;

/** The page's script. Plain ES2020, no libraries. */
export const CLIENT_SCRIPT = `
(() => {
  const chrome = JSON.parse(document.getElementById('chrome').textContent);
  const log = document.getElementById('log');
  const status = document.getElementById('status');
  const form = document.getElementById('composer');
  const input = document.getElementById('text');
  const limit = document.getElementById('limit');
  const max = Number(input.dataset.max);
  let lang = document.documentElement.lang;
  const newId = () => (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2) + Date.now());

  function relabel(next) {
    if (next === lang || !chrome[next]) return;
    lang = next;
    document.documentElement.lang = next;
    const s = chrome[next];
    document.title = s.title;
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = s[el.dataset.i18n]; });
    document.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = s[el.dataset.i18nPlaceholder]; });
    document.querySelectorAll('[data-i18n-label]').forEach((el) => { el.setAttribute('aria-label', s[el.dataset.i18nLabel]); });
  }

  function showStatus(key) {
    if (!key) { status.hidden = true; return; }
    status.hidden = false;
    status.textContent = chrome[lang][key];
  }

  /** Text with http(s) links made clickable, built from text nodes only. */
  function fillText(el, text) {
    const parts = text.split(/(https?:\\/\\/[^\\s<>"']+)/g);
    parts.forEach((part, i) => {
      if (i % 2 === 1) {
        const a = document.createElement('a');
        a.href = part; a.textContent = part; a.target = '_blank'; a.rel = 'noopener noreferrer';
        el.appendChild(a);
      } else if (part) {
        el.appendChild(document.createTextNode(part));
      }
    });
  }

  // Posts go one after another: when one links the chat, the server rotates the session, and a post already on its
  // way with the old cookie would be refused and lost. Queued, the next post leaves with the new cookie.
  let sending = Promise.resolve();
  function post(body) {
    sending = sending.then(() => send(body));
    return sending;
  }

  async function send(body) {
    try {
      const res = await fetch('/webchat/send', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...body, clientId: newId() }),
      });
      if (res.status === 429) showStatus('tooFast');
      else if (!res.ok) showStatus('offline');
      else {
        const answer = await res.json().catch(() => ({}));
        // Unlinked (/logout): what was shown while linked leaves the screen; the server keeps only the answer.
        if (answer.unlinked) log.replaceChildren();
        // The chat was just linked or unlinked: the server gave this browser a new session; listen with it.
        if (answer.rotated) connect();
      }
    } catch { showStatus('offline'); }
  }

  function render(m) {
    const el = document.createElement('article');
    el.className = 'msg ' + (m.from === 'me' ? 'me' : 'bot');
    el.dataset.id = m.id;
    const who = document.createElement('span');
    who.className = 'visually-hidden';
    who.textContent = (m.from === 'me' ? chrome[lang].you : chrome[lang].bot) + ': ';
    el.appendChild(who);
    const body = document.createElement('div');
    fillText(body, m.text);
    el.appendChild(body);
    if (m.choices && m.choices.length) {
      const box = document.createElement('div');
      box.className = 'choices' + (m.used ? ' used' : '');
      box.setAttribute('role', 'group');
      m.choices.forEach((c) => {
        const b = document.createElement('button');
        b.type = 'button'; b.textContent = c.label;
        // An answered menu stays readable but cannot be pressed again (also after a reload).
        if (m.used) b.disabled = true;
        b.addEventListener('click', () => {
          box.querySelectorAll('button').forEach((x) => { x.disabled = true; });
          post({ kind: 'choice', id: c.id, token: m.menuToken, message: m.id, label: c.label });
          input.focus();
        });
        box.appendChild(b);
      });
      el.appendChild(box);
    }
    if (m.link) {
      const a = document.createElement('a');
      a.className = 'link-button'; a.href = m.link.url; a.textContent = m.link.label; a.target = '_blank'; a.rel = 'noopener noreferrer';
      el.appendChild(a);
    }
    const old = log.querySelector('[data-id="' + CSS.escape(m.id) + '"]');
    if (old) old.replaceWith(el); else log.appendChild(el);
    if (m.from === 'bot') relabel(m.lang);
    el.scrollIntoView({ block: 'end' });
  }

  let events = null;
  function connect() {
    if (events) events.close();
    const source = new EventSource('/webchat/events');
    events = source;
    source.addEventListener('message', (e) => { showStatus(null); render(JSON.parse(e.data)); });
    source.addEventListener('ready', (e) => {
      showStatus(null);
      if (JSON.parse(e.data).empty) post({ kind: 'command', name: 'start' });
    });
    // Another tab of this browser rotated the session: reconnect with the new cookie.
    source.addEventListener('rotate', () => { if (events === source) connect(); });
    source.addEventListener('error', () => showStatus('offline'));
  }
  connect();

  // Nothing is cut: a message over the limit stays in the box with its length and the limit until it is shortened.
  function checkLength() {
    const over = input.value.trim().length > max;
    limit.hidden = !over;
    input.setAttribute('aria-invalid', over ? 'true' : 'false');
    if (over) limit.textContent = chrome[lang].tooLong.replace('%n', String(input.value.trim().length));
    return !over;
  }
  input.addEventListener('input', checkLength);

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text || !checkLength()) return;
    input.value = '';
    post({ kind: 'text', text });
  });
  input.focus();
})();
`;
