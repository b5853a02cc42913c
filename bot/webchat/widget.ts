/**
 * @module `/widget.js`: the snippet the operator puts on its own site
 * (`<script src="https://chat.example.kz/widget.js" defer></script>`). It adds a round button that opens the
 * chat page in a frame; the frame talks only to our origin, so the host page never sees the conversation.
 */
import { translator } from '../../core/i18n/i18n.ts';

/** The widget script; labels in both languages, picked by `<html lang>` of the host page. */
export function widgetScript(): string {
  const labels = {
    kk: { open: translator('kk')('bot:webchat.open'), close: translator('kk')('bot:webchat.close') },
    ru: { open: translator('ru')('bot:webchat.open'), close: translator('ru')('bot:webchat.close') },
  };
  return `(() => {
  const script = document.currentScript;
  const origin = new URL(script.src).origin;
  const labels = ${JSON.stringify(labels).replace(/</g, '\\u003c')};
  const lang = (document.documentElement.lang || '').slice(0, 2) === 'kk' ? 'kk' : 'ru';
  const button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-label', labels[lang].open);
  button.setAttribute('aria-expanded', 'false');
  button.textContent = '💬';
  button.style.cssText = 'position:fixed;right:20px;bottom:20px;width:60px;height:60px;border-radius:50%;border:0;background:#0a5cc2;color:#fff;font-size:28px;box-shadow:0 6px 20px rgba(0,0,0,.25);cursor:pointer;z-index:2147483646';
  const frame = document.createElement('iframe');
  frame.title = labels[lang].open;
  frame.src = origin + '/?embed=1&lang=' + lang;
  frame.hidden = true;
  frame.style.cssText = 'position:fixed;right:20px;bottom:92px;width:min(380px,calc(100vw - 24px));height:min(600px,calc(100vh - 120px));border:0;border-radius:16px;box-shadow:0 10px 40px rgba(0,0,0,.3);background:#fff;z-index:2147483647';
  button.addEventListener('click', () => {
    frame.hidden = !frame.hidden;
    button.setAttribute('aria-expanded', String(!frame.hidden));
    button.setAttribute('aria-label', frame.hidden ? labels[lang].open : labels[lang].close);
    button.textContent = frame.hidden ? '💬' : '✕';
  });
  document.body.appendChild(frame);
  document.body.appendChild(button);
})();
`;
}
