/**
 * @module The part of whatsapp-web.js this adapter uses, as structural types: the `Client` events and methods, and
 * the fields of a received `Message`. The real `Client` is checked against `WaClient` where it is created
 * (launch-client.ts), and the tests drive the adapter with an object of the same shape. Keeping our own types
 * here means nothing below imports whatsapp-web.js at run time.
 * @see https://docs.wwebjs.dev/Client.html
 * @see https://docs.wwebjs.dev/Message.html
 */

/** A WhatsApp id, e.g. `77011234567@c.us` (a person), `…@g.us` (a group), `status@broadcast`. */
export interface WaId {
  _serialized: string;
}

/** The fields of a whatsapp-web.js `Message` the adapter reads. */
export interface WaMessage {
  id: WaId & { fromMe?: boolean; id?: string };
  /** The chat the message came from: `<number>@c.us` or `<lid>@lid` for a person, `…@g.us` for a group. */
  from: string;
  body: string;
  /** 'chat', 'vcard', 'multi_vcard', 'image', 'ptt', 'audio', 'video', 'document', 'sticker', 'location', … */
  type: string;
  fromMe: boolean;
  /** True for status updates (`status@broadcast`). */
  isStatus?: boolean;
  /** For 'vcard' and 'multi_vcard' messages: the vCard texts. */
  vCards?: string[];
  /** Set when the message came from a group (the member who wrote it). */
  author?: string | undefined;
}

/** `client.info` once ready: `wid.user` is the linked phone number without "+". */
export interface WaClientInfo {
  wid: WaId & { user: string };
  pushname?: string;
}

/** The events of `Client` the adapter listens to, with their arguments as the library emits them. */
export interface WaClientEvents {
  qr: [qr: string];
  authenticated: [session?: unknown];
  auth_failure: [message: string];
  ready: [];
  /** `reason` is a WAState ('CONFLICT', 'UNPAIRED', …) or 'LOGOUT'. */
  disconnected: [reason: string];
  change_state: [state: string];
  message: [message: WaMessage];
}

/** The methods and events of whatsapp-web.js `Client` the adapter uses. */
export interface WaClient {
  info: WaClientInfo | undefined;
  on<E extends keyof WaClientEvents>(event: E, listener: (...args: WaClientEvents[E]) => void): unknown;
  removeAllListeners(event?: string): unknown;
  initialize(): Promise<void>;
  sendMessage(chatId: string, content: string, options?: { linkPreview?: boolean; parseVCards?: boolean }): Promise<{ id: WaId } | null | undefined>;
  logout(): Promise<void>;
  destroy(): Promise<void>;
}
