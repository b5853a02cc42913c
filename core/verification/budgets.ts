/**
 * @module The store side of the one-time-code budgets (limits.ts): which hits count for a number and its
 * requester, read before a code is issued or typed, and written when one is issued or typed wrong. Hits live in
 * the shared throttle store (core/throttle), so every instance sees the same budgets; keys are hashed.
 */
import { throttleKey } from '../throttle/keys.ts';
import type { ChallengeDeps } from './challenges.ts';
import { DAY, type IssueFacts } from './limits.ts';
import type { Requester } from './types.ts';

const CODE = 'otp.code';
const WRONG = 'otp.wrong';
const NUMBERS = 'otp.numbers';

/** The number's own key, then one per identity of the requester (its chat; its address when the channel knows it). */
function keysFor(phone: string, requester: Requester): { number: string; identities: string[] } {
  return {
    number: throttleKey('number', phone),
    identities: [
      throttleKey('number', phone, 'chat', requester.chatKey),
      ...(requester.address ? [throttleKey('number', phone, 'address', requester.address)] : []),
    ],
  };
}

const addressKey = (address: string) => throttleKey('address', address);

/** Wrong codes for the number, all together and per identity of the requester, in the last 24 hours. */
export async function wrongCodeFacts(deps: ChallengeDeps, phone: string, requester: Requester): Promise<Pick<IssueFacts, 'numberWrong' | 'requesterWrong'>> {
  const since = new Date(deps.clock.now().getTime() - DAY);
  const keys = keysFor(phone, requester);
  return {
    numberWrong: await deps.store.throttle.times(WRONG, keys.number, since),
    requesterWrong: await Promise.all(keys.identities.map((k) => deps.store.throttle.times(WRONG, k, since))),
  };
}

/** Everything `decideIssue` needs about this number and requester. */
export async function issueFacts(
  deps: ChallengeDeps,
  input: { phone: string; purpose: 'verify' | 'sign'; limitChatNumbers: boolean },
  requester: Requester,
): Promise<IssueFacts> {
  const { store, clock, limits } = deps;
  const now = clock.now().getTime();
  const since = new Date(now - DAY);
  const keys = keysFor(input.phone, requester);
  const chatPhones = input.limitChatNumbers ? await store.otp.phonesForChatSince(requester.chatKey, new Date(now - limits.chatWindowMs)) : null;
  const numberHash = throttleKey('number', input.phone);
  const addressNumbers = input.limitChatNumbers && requester.address
    ? await store.throttle.distinctValues(NUMBERS, addressKey(requester.address), new Date(now - limits.addressWindowMs))
    : null;
  return {
    lastIssuedAt: await store.otp.lastForPhone(input.phone, input.purpose),
    numberCodes: await store.throttle.times(CODE, keys.number, since),
    requesterCodes: await Promise.all(keys.identities.map((k) => store.throttle.times(CODE, k, since))),
    ...(await wrongCodeFacts(deps, input.phone, requester)),
    chatNumbersFull: chatPhones ? !chatPhones.includes(input.phone) && chatPhones.length >= limits.maxNumbersPerChat : null,
    addressNumbersFull: addressNumbers ? !addressNumbers.includes(numberHash) && addressNumbers.length >= limits.maxNumbersPerAddress : null,
  };
}

async function hitAll(deps: ChallengeDeps, scope: string, keys: string[], value: string | null = null): Promise<void> {
  const at = deps.clock.now();
  const expiresAt = new Date(at.getTime() + DAY);
  for (const key of keys) await deps.store.throttle.hit({ scope, key, value, at, expiresAt });
}

/** Counts an issued code against the number and every identity of the requester. */
export async function recordIssued(deps: ChallengeDeps, phone: string, requester: Requester): Promise<void> {
  const keys = keysFor(phone, requester);
  await hitAll(deps, CODE, [keys.number, ...keys.identities]);
  if (requester.address) await hitAll(deps, NUMBERS, [addressKey(requester.address)], throttleKey('number', phone));
}

/** Counts a wrong code against the number and every identity of the requester, across all its codes. */
export async function recordWrongCode(deps: ChallengeDeps, phone: string, requester: Requester): Promise<void> {
  const keys = keysFor(phone, requester);
  await hitAll(deps, WRONG, [keys.number, ...keys.identities]);
}
