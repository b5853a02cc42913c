/**
 * @module The web chat's nouns. A web-chat session is the browser's credential for one web chat: the cookie holds a
 * random token the server issued; the store keeps only its SHA-256 and the chat it opens, so a token the client made
 * up opens nothing, and a new token for the same chat (rotation when the chat is linked or unlinked) leaves the old
 * cookie worthless. A chat's recent messages are kept in the store too (issue 20 item 15), so a reload served by any
 * instance shows the conversation, with its answered menus read as used.
 */
import type { Language } from '../i18n/model.ts';

export interface WebChatSession {
  /** SHA-256 of the cookie's token (base64url). */
  tokenHash: string;
  /** The chat's external id (`webchat:<externalId>`), random and independent of any token. */
  externalId: string;
  createdAt: Date;
  expiresAt: Date;
}

/** One message as the page receives it: the bot's, or the subscriber's own (kept for reloads). */
export interface WebChatMessage {
  id: string;
  from: 'bot' | 'me';
  text: string;
  choices: Array<{ id: string; label: string }>;
  menuToken: string | null;
  link: { url: string; label: string } | null;
  /** The chat's language when sent (the page switches its own labels with it). */
  lang: Language;
  /** A menu already answered or followed by a newer one: the page shows its buttons as used (also after a reload). */
  used: boolean;
  /** When it was first shown (ms since the epoch): retention (TRANSCRIPT_RETENTION_MONTHS) drops older ones. */
  at: number;
}

/**
 * The messages a web chat keeps for reloads, oldest first (at most WEBCHAT_HISTORY), and the revision they are at:
 * every write raises it by one, and is accepted only at the revision it was computed from — so two instances writing
 * the same chat never lose each other's message, and an instance knows from a revision whether what it holds is current.
 */
export interface WebChatHistory {
  externalId: string;
  messages: WebChatMessage[];
  rev: number;
  updatedAt: Date;
}

/** How many messages a chat keeps (the bot's and the subscriber's own). */
export const WEBCHAT_HISTORY = 60;

/** The latest time a Date can hold: the "oldest message" of a chat without any, which retention never takes. */
export const NEVER = 8_640_000_000_000_000;
