/**
 * @module A web-chat session: the browser's credential for one web chat. The cookie holds a random token the server
 * issued; the store keeps only its SHA-256 and the chat it opens, so a token the client made up opens nothing, and
 * a new token for the same chat (rotation when the chat is linked or unlinked) leaves the old cookie worthless.
 */
export interface WebChatSession {
  /** SHA-256 of the cookie's token (base64url). */
  tokenHash: string;
  /** The chat's external id (`webchat:<externalId>`), random and independent of any token. */
  externalId: string;
  createdAt: Date;
  expiresAt: Date;
}
