/** @module The MongoDB store (mongoose), for multi-instance deployments. Implemented in issue 10. */
import type { Store } from '../store.ts';

export async function openMongoStore(_uri: string): Promise<Store> {
  throw new Error('The MongoDB store is not available in this build yet; use STORE=sqlite.');
}
