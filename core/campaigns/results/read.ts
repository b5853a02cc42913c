/**
 * @module Reads what the results count, page by page from the store: every contact of the campaign with its answers,
 * whether a person was reached (a call's outcome code says so, or the survey message was delivered) and where, and
 * the contact's plan (looked up by personal account once per reader and kept, so a live page refreshing every few
 * seconds does not ask billing data again).
 */
import type { CampaignDeps } from '../deps.ts';
import type { Campaign, Contact, SurveyDelivery, SurveyResponse } from '../model.ts';
import { OUTCOMES } from '../outcomes.ts';
import type { Respondent } from './tally.ts';

type Deps = Pick<CampaignDeps, 'contacts' | 'deliveries' | 'accounts'>;

const PAGE = 1000;

export async function allContacts(deps: Pick<CampaignDeps, 'contacts'>, campaignId: string): Promise<Contact[]> {
  const out: Contact[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Contact[]; nextCursor: string | null } = await deps.contacts.list({ campaignId, cursor, limit: PAGE });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export async function allResponses(deps: Pick<CampaignDeps, 'contacts'>, campaignId: string): Promise<SurveyResponse[]> {
  const out: SurveyResponse[] = [];
  for (let after: string | null = null; ;) {
    const page = await deps.contacts.responses(campaignId, { after, limit: PAGE });
    out.push(...page);
    if (page.length < PAGE) return out;
    after = page[page.length - 1]!.contactId;
  }
}

export async function allDeliveries(deps: Pick<CampaignDeps, 'deliveries'>, campaignId: string): Promise<SurveyDelivery[]> {
  const out: SurveyDelivery[] = [];
  for (let after: string | null = null; ;) {
    const page = await deps.deliveries.list(campaignId, { after, limit: PAGE });
    out.push(...page);
    if (page.length < PAGE) return out;
    after = page[page.length - 1]!.id;
  }
}

export class RespondentReader {
  /** Personal account → plan, kept for the reader's life. */
  private readonly plans = new Map<string, string | null>();

  constructor(private readonly deps: Deps) {}

  async respondents(campaign: Campaign): Promise<Respondent[]> {
    const [contacts, responses, deliveries] = await Promise.all([
      allContacts(this.deps, campaign.id), allResponses(this.deps, campaign.id),
      campaign.mode === 'messenger' ? allDeliveries(this.deps, campaign.id) : Promise.resolve([]),
    ]);
    const answers = new Map(responses.map((r) => [r.contactId, r]));
    const sent = new Map(deliveries.map((d) => [d.contactId, d]));
    const out: Respondent[] = [];
    for (const contact of contacts) {
      const delivery = sent.get(contact.id);
      const called = contact.lastOutcome ? OUTCOMES[contact.lastOutcome].reachedPerson : false;
      const reached = campaign.mode === 'messenger' ? Boolean(delivery?.sentAt) : called;
      out.push({
        contact, planId: await this.planOf(contact.accountNumber), reached,
        channel: campaign.mode === 'messenger' ? (delivery?.channel ?? null) : contact.attempts > 0 ? 'call' : null,
        response: answers.get(contact.id) ?? null,
      });
    }
    return out;
  }

  private async planOf(accountNumber: string | null): Promise<string | null> {
    if (!accountNumber) return null;
    if (!this.plans.has(accountNumber)) this.plans.set(accountNumber, (await this.deps.accounts.findByNumber(accountNumber))?.planId ?? null);
    return this.plans.get(accountNumber)!;
  }
}
