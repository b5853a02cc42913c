/**
 * @module The WhatsApp channel (whatsapp-web.js driving the system Chromium): numbered lists instead of buttons,
 * a connection manager with QR linking, backoff and a single-owner lease, and the console's handle on it.
 * main.ts imports this folder only when WHATSAPP_ENABLED is on; whatsapp-web.js itself is loaded later still,
 * when the connection starts.
 */
export { createWhatsApp, type WhatsAppBot, type WhatsAppOptions, type WhatsAppRepositories } from './start-whatsapp.ts';
export { WhatsAppChannel } from './whatsapp-channel.ts';
export { WhatsAppConnection } from './connection.ts';
export { SESSION_LEASE, DEFAULT_TIMING, type ConnectionTiming } from './connection-options.ts';
export { toInbound, isPersonalChat, numberOf } from './to-inbound.ts';
export { phoneFromVCard } from './vcard.ts';
export { WHATSAPP_CAPABILITIES, renderText } from './render.ts';
export { OutgoingPace } from './pace.ts';
export { launchClient, clearSession, CHROMIUM_ARGS } from './launch-client.ts';
export type { WhatsAppControl, WhatsAppStatus, WhatsAppState, WhatsAppProblem } from './status.ts';
export type { WaClient, WaMessage } from './wire.ts';
