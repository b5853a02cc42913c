/**
 * @module What the console sees of the WhatsApp connection (`WhatsAppStatus`) and what it may do with it
 * (`WhatsAppControl`). States, in the order a first link goes through them:
 * off → starting → qr (waiting for the scan) → authenticated → ready (linked number);
 * and when things go wrong: disconnected or failed (with the problem and the time of the next attempt).
 * `standby` means another instance of the product holds the session (the lease), so this one runs no browser.
 */
import type { UserActor } from '../../core/users/audit.ts';

export type WhatsAppState = 'off' | 'standby' | 'starting' | 'qr' | 'authenticated' | 'ready' | 'disconnected' | 'failed';

/**
 * Why the connection is down. `code` picks the localized explanation, `detail` is the library's own words
 * (e.g. `net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/`), shown as is to administrators.
 */
export interface WhatsAppProblem {
  code: 'unreachable' | 'browser' | 'auth' | 'timeout' | 'disconnected' | 'library' | 'other';
  detail: string;
}

export interface WhatsAppStatus {
  state: WhatsAppState;
  /** When this state began. */
  since: Date;
  /** The latest QR code text to scan (state `qr`); a new one replaces it every ~20 s. */
  qr: string | null;
  /** The linked number, "+77011234567" (state `ready`). */
  phone: string | null;
  problem: WhatsAppProblem | null;
  /** Attempts that failed in a row (0 once connected). */
  failures: number;
  /** When the next attempt starts (states `failed`, `disconnected`). */
  retryAt: Date | null;
  /** The instance holding the session (state `standby`), when known. */
  holder: string | null;
}

export type StatusListener = (status: WhatsAppStatus) => void;

/** The console's handle on the connection. */
export interface WhatsAppControl {
  status(): WhatsAppStatus;
  /** Calls `listener` on every change (including each new QR code); returns the unsubscribe function. */
  subscribe(listener: StatusListener): () => void;
  /** Unlinks the number (the session is deleted) and starts over, so a new QR code appears. */
  logout(actor: UserActor): Promise<void>;
  /** Drops the current attempt and connects again now (the saved session is kept; a QR code appears if it is gone). */
  relink(actor: UserActor): Promise<void>;
}

/** Sorts a library error into a problem code, keeping its message. */
export function problemOf(err: unknown): WhatsAppProblem {
  const detail = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 300);
  if (/net::ERR_|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH/.test(detail)) return { code: 'unreachable', detail };
  if (/Failed to launch|Browser was not found|Could not find (Chrome|Chromium|browser)|spawn .* ENOENT|executablePath/i.test(detail)) {
    return { code: 'browser', detail };
  }
  if (/Cannot find (module|package)/.test(detail)) return { code: 'library', detail };
  return { code: 'other', detail };
}
