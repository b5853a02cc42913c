/**
 * @module The do-not-call list in the console: numbers put on it by hand (a subscriber asked by phone, e-mail or at a
 * service point — contract cl. 32(21)) or by the "do not call" outcome, taken off only by hand. Both audited, with no
 * phone number in the audit log.
 */
import type { CampaignDeps, Result } from './deps.ts';
import { auditCampaign, done, refuse } from './deps.ts';
import type { Actor, DoNotCallEntry } from './model.ts';
import { normalizeKzPhone } from '../verification/phone.ts';

type Deps = Pick<CampaignDeps, 'doNotCall' | 'audit' | 'clock'>;

export async function addToDoNotCall(deps: Deps, rawPhone: string, note: string, actor: Actor): Promise<Result<DoNotCallEntry>> {
  const phone = normalizeKzPhone(rawPhone);
  if (!phone.ok) return refuse('dnc.error.bad_phone');
  const entry: DoNotCallEntry = {
    phone: phone.value, source: 'manual', note: note.trim().slice(0, 500) || null, addedBy: actor.id, campaignId: null, addedAt: deps.clock.now(),
  };
  if (!(await deps.doNotCall.add(entry))) return refuse('dnc.error.listed');
  await auditCampaign(deps, actor, 'campaign.do_not_call_added', 'do_not_call', null, { source: 'manual' });
  return done(entry);
}

export async function removeFromDoNotCall(deps: Deps, rawPhone: string, actor: Actor): Promise<Result<null>> {
  const phone = normalizeKzPhone(rawPhone);
  if (!phone.ok || !(await deps.doNotCall.remove(phone.value))) return refuse('dnc.error.not_listed');
  await auditCampaign(deps, actor, 'campaign.do_not_call_removed', 'do_not_call', null, {});
  return done(null);
}
