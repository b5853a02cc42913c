/**
 * @module One whatsapp-web.js client as the connection manager (connection.ts) sees it: which of the library's
 * events means which transition (`followClient`), and how its browser is closed for good (`closeClient`), including
 * one that is still being launched. The manager decides what each transition does.
 */
import type { Logger } from '../../core/logging/logger.ts';
import type { WhatsAppProblem } from './status.ts';
import type { WaClient, WaMessage } from './wire.ts';

/** What the connection does on each event of its current client. */
export interface ClientTransitions {
  /** A (new) QR code to scan. */
  qr(qr: string): void;
  /** The scan or the saved session was accepted; WhatsApp Web is syncing the chats. */
  authenticated(): void;
  /** Linked and ready to send; `phone` is the linked number ("+77011234567") when the client tells it. */
  ready(phone: string | null): void;
  /** The client lost its authentication. */
  failed(problem: WhatsAppProblem): void;
  /** WhatsApp dropped a working connection (the phone unlinked the device, a conflict, …). */
  dropped(reason: string): void;
  message(message: WaMessage): void;
}

export const quietly = (promise: Promise<unknown> | undefined): Promise<void> => Promise.resolve(promise).then(() => undefined, () => undefined);

/**
 * Follows `client`'s events while `live()` holds (events of a client given up are ignored). A message the sink
 * throws on is logged, never thrown back into the library.
 * @example followClient(client, () => generation === this.generation, { qr: …, ready: … }, logger)
 */
export function followClient(client: WaClient, live: () => boolean, on: ClientTransitions, logger: Logger): void {
  client.on('qr', (qr) => {
    if (live()) on.qr(qr);
  });
  client.on('authenticated', () => {
    if (live()) on.authenticated();
  });
  client.on('ready', () => {
    if (!live()) return;
    const user = client.info?.wid?.user;
    on.ready(user ? `+${user}` : null);
  });
  client.on('auth_failure', (message) => {
    if (live()) on.failed({ code: 'auth', detail: String(message).slice(0, 300) });
  });
  client.on('disconnected', (reason) => {
    if (live()) on.dropped(String(reason));
  });
  client.on('change_state', (state) => {
    if (live()) logger.debug({ state }, 'WhatsApp Web state changed');
  });
  client.on('message', (message) => {
    if (!live()) return;
    try {
      on.message(message);
    } catch (err) {
      logger.error({ err }, 'a WhatsApp message could not be taken');
    }
  });
}

/**
 * Closes the client's browser, whatever state it is in. `initializing` settles with the client's `initialize()`:
 * destroy() cannot close a browser that is still being launched; once initialize() settles (or after 10 s) it can.
 */
export async function closeClient(client: WaClient, initializing: Promise<void>): Promise<void> {
  client.removeAllListeners();
  await quietly(client.destroy());
  await Promise.race([initializing, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  await quietly(client.destroy());
}
