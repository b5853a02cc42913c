/** @module The web-chat channel: the page at `/`, the `/widget.js` embed, SSE out, JSON in, same engine and buttons. */
export { WebChatChannel, WEBCHAT_CAPABILITIES, externalIdOf, type WebChatMessage } from './webchat-channel.ts';
export { webChatRoutes, type WebChatOptions } from './routes.ts';
