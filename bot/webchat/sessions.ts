/**
 * @module Web-chat sessions (issue 20 item 7): the cookie holds a random token the server issued, the store its
 * SHA-256 and the chat it opens (core/webchat). A session id the client chose is unknown to the store and opens a
 * new, empty chat — never someone's chat. When the chat's link changes (verified, or unlinked) the session rotates: a
 * new token for the same chat, every other token of it revoked, so a cookie planted or copied before the link is
 * worthless after it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../core/ports/clock.ts';
import { systemClock } from '../../core/ports/clock.ts';
import type { WebChatSessionRepository } from '../../core/webchat/repository.ts';
import type { WebChatSession } from '../../core/webchat/model.ts';

export const SESSION_COOKIE = 'wc_session';
/** How long a session (and its cookie) lives. */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60_000;
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** The store key of a token: its SHA-256, so the store can never be turned back into cookies. */
export const tokenHash = (token: string): string => createHash('sha256').update(`webchat-session:${token}`).digest('base64url');

export interface IssuedSession {
  /** Goes into the cookie; never stored, never logged. */
  token: string;
  session: WebChatSession;
}

export class WebChatSessions {
  constructor(private readonly store: { webchatSessions: WebChatSessionRepository }, private readonly clock: Clock = systemClock) {}

  /** The session a cookie's token opens, or null (malformed, unknown, revoked or expired). */
  async resolve(token: string | undefined): Promise<WebChatSession | null> {
    if (!token || !TOKEN_RE.test(token)) return null;
    return this.store.webchatSessions.find(tokenHash(token), this.clock.now());
  }

  /** A new session: for a new chat, or (given `externalId`) another credential for an existing one. */
  async open(externalId = randomBytes(16).toString('base64url')): Promise<IssuedSession> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const session: WebChatSession = { tokenHash: tokenHash(token), externalId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) };
    await this.store.webchatSessions.create(session);
    return { token, session };
  }

  /** A fresh token for the session's chat; every other token of the chat stops working. */
  async rotate(session: WebChatSession): Promise<IssuedSession> {
    const fresh = await this.open(session.externalId);
    await this.store.webchatSessions.revokeOthers(session.externalId, fresh.session.tokenHash);
    return fresh;
  }

  async purge(): Promise<void> {
    while ((await this.store.webchatSessions.purge(this.clock.now(), 5000)) === 5000) { /* keep going */ }
  }
}
