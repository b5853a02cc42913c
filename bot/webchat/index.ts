/** @module The web-chat channel: the page at `/`, the `/widget.js` embed, SSE out, JSON in, same engine and buttons. */
export { WebChatChannel, WEBCHAT_CAPABILITIES, type WebChatMessage } from './webchat-channel.ts';
export { WebChatSessions, SESSION_COOKIE, tokenHash } from './sessions.ts';
export { webChatRoutes, type WebChatOptions } from './routes.ts';
