/**
 * @module The open event streams of this instance, counted per chat and per client address so one visitor cannot
 * hold unlimited connections (WEBCHAT_STREAMS_PER_SESSION, WEBCHAT_STREAMS_PER_ADDRESS), and known by the session
 * token that opened them, so a rotation can end the streams of the tokens it revoked.
 */

export interface OpenStream {
  externalId: string;
  address: string;
  tokenHash: string;
  /** Ends the stream; `rotated` tells the page to reconnect at once with its new cookie. */
  end(why: 'rotated' | 'closed'): void;
}

export class StreamRegistry {
  private readonly byChat = new Map<string, Set<OpenStream>>();
  private readonly perAddress = new Map<string, number>();

  constructor(private readonly maxPerChat: number, private readonly maxPerAddress: number) {}

  /** Registers the stream if the caps allow; returns the function that unregisters it, or null when over a cap. */
  add(stream: OpenStream): (() => void) | null {
    const chat = this.byChat.get(stream.externalId) ?? new Set<OpenStream>();
    const fromAddress = this.perAddress.get(stream.address) ?? 0;
    if (chat.size >= this.maxPerChat || fromAddress >= this.maxPerAddress) return null;
    chat.add(stream);
    this.byChat.set(stream.externalId, chat);
    this.perAddress.set(stream.address, fromAddress + 1);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      chat.delete(stream);
      if (chat.size === 0) this.byChat.delete(stream.externalId);
      const left = (this.perAddress.get(stream.address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(stream.address, left);
      else this.perAddress.delete(stream.address);
    };
  }

  /** Ends the chat's streams opened with any token but `keepTokenHash` (they belong to revoked sessions). */
  endOthers(externalId: string, keepTokenHash: string): void {
    for (const stream of [...(this.byChat.get(externalId) ?? [])]) if (stream.tokenHash !== keepTokenHash) stream.end('rotated');
  }

  get size(): number {
    let n = 0;
    for (const set of this.byChat.values()) n += set.size;
    return n;
  }
}
