/**
 * @module The repository ports survey campaigns need. Everything that must happen at once — applying an import batch
 * with its checkpoint, claiming a contact with its quota slot, recording an outcome with the attempt, the answers, the
 * do-not-call entry and the counter — is one method, so each store does it in one transaction and no use case needs
 * one across repositories. Implemented by the SQLite and MongoDB adapters' campaigns*.ts.
 */
import type {
  CallAttempt, CallListImport, Campaign, CampaignState, Contact, ContactState, DoNotCallEntry, ExclusionReason,
  DeliveryState, ImportIssue, QuotaCounter, Questionnaire, SegmentFilter, SurveyDelivery, SurveyOptOut, SurveyResponse,
} from './model.ts';
import type { Language } from '../i18n/model.ts';

export interface QuestionnaireRepository {
  create(questionnaire: Questionnaire): Promise<void>;
  get(id: string): Promise<Questionnaire | null>;
  /** Every version, newest change first. */
  list(): Promise<Questionnaire[]>;
  /** Stores the new content if the stored revision is still `expectedRevision` and it is not frozen. */
  update(questionnaire: Questionnaire, expectedRevision: number): Promise<boolean>;
  /** Sets `frozenAt` unless already set. */
  freeze(id: string, at: Date): Promise<void>;
  /** The highest version number in the family (0 when none). */
  latestVersion(familyId: string): Promise<number>;
}

export interface CampaignRepository {
  create(campaign: Campaign): Promise<void>;
  get(id: string): Promise<Campaign | null>;
  /** Newest first; only these states when given. */
  list(filter?: { states?: CampaignState[] }): Promise<Campaign[]>;
  /** Stores the campaign if the stored revision is still `expectedRevision`; the stored revision becomes +1. */
  update(campaign: Campaign, expectedRevision: number): Promise<boolean>;
  /** How many campaigns use this questionnaire. */
  countUsing(questionnaireId: string): Promise<number>;
}

/** One batch of an import, applied all at once or not at all. */
export interface ImportBatch {
  importId: string;
  /** Applies only while the import's checkpoint is still here (so a repeated or concurrent batch never applies twice). */
  expectedProcessed: number;
  processedAfter: number;
  inserts: Contact[];
  /** Existing contacts with the fields a duplicate row filled in. */
  merges: Array<{ id: string; patch: Partial<Pick<Contact, 'name' | 'accountNumber' | 'region' | 'language' | 'tags' | 'subscriberId'>> }>;
  issues: ImportIssue[];
  counts: { imported: number; merged: number; rejected: number; warnings: number };
  at: Date;
}

/** What the store knows about a phone number: on the do-not-call list, the subscriber with it and whether they muted. */
export interface PhoneFacts {
  doNotCall: boolean;
  subscriberId: string | null;
  muted: boolean;
}

/** A contact drawn from the subscribers in the store (audience by segment). */
export interface SegmentCandidate {
  subscriberId: string;
  phone: string;
  name: string;
  accountNumber: string;
  region: string;
  language: Language | null;
}

export interface CallListImportRepository {
  create(record: CallListImport): Promise<void>;
  get(id: string): Promise<CallListImport | null>;
  /** Newest first. */
  listByCampaign(campaignId: string): Promise<CallListImport[]>;
  /** Imports not yet done or failed, oldest first (the watchdog resumes them). */
  listUnfinished(limit: number): Promise<CallListImport[]>;
  /** Sets status and progress fields (not the checkpoint or the counts, which only batches move). */
  setProgress(id: string, patch: Partial<Pick<CallListImport, 'status' | 'error' | 'totalRows' | 'checkedRows' | 'encoding' | 'finishedAt'>>, at: Date): Promise<void>;
  addChunk(importId: string, seq: number, data: Buffer): Promise<void>;
  chunk(importId: string, seq: number): Promise<Buffer | null>;
  deleteChunks(importId: string): Promise<void>;
  applyBatch(batch: ImportBatch): Promise<boolean>;
  /** The report, in line order; `after` continues from an issue's line. */
  issues(importId: string, options: { afterLine?: number; limit: number }): Promise<ImportIssue[]>;
  /** The campaign's contacts with these phones. */
  contactsByPhone(campaignId: string, phones: string[]): Promise<Contact[]>;
  phoneFacts(phones: string[]): Promise<Map<string, PhoneFacts>>;
  /** Subscribers matching the segment, one per subscriber, in account-id order after `after`. */
  segmentPage(filter: SegmentFilter, after: string | null, limit: number): Promise<{ candidates: SegmentCandidate[]; next: string | null }>;
  /** The regions the accounts in the store are in, for the segment form. */
  regions(): Promise<string[]>;
}

/** What a claim needs to know besides the contact. */
export interface ClaimRequest {
  campaignId: string;
  agentId: string;
  claimId: string;
  now: Date;
  leaseUntil: Date;
  /** Contact UTC offsets whose local time allows a call now. */
  offsets: number[];
  /** Another agent's promised call-back becomes anyone's once it is this late. */
  reservedUntil: Date;
  /** The slot to take in the quota: in `stop` mode the claim fails when `taken` has reached `cap`. */
  quota: { period: string; cap: number; enforce: boolean };
}

export type ClaimResult = { kind: 'claimed'; contact: Contact } | { kind: 'none' } | { kind: 'quota_reached' };

/** How a contact goes on after an outcome: called again at `dueAt`, or closed. */
export type NextStep =
  | { state: 'ready'; dueAt: Date; priority: 0 | 1; reservedFor: string | null }
  | { state: 'done' };

export interface OutcomeRecord {
  contactId: string;
  claimId: string;
  attempt: CallAttempt;
  next: NextStep;
  response: SurveyResponse | null;
  doNotCall: DoNotCallEntry | null;
  at: Date;
}

export interface ContactListQuery {
  campaignId: string;
  state?: ContactState;
  /** Keyset cursor from the previous page. */
  cursor?: string | null;
  limit: number;
}

export interface ContactRepository {
  get(id: string): Promise<Contact | null>;
  countByState(campaignId: string): Promise<Record<ContactState, number>>;
  list(query: ContactListQuery): Promise<{ items: Contact[]; nextCursor: string | null }>;
  /**
   * Claims the next contact for the agent, atomically with its quota slot: a due call-back the agent promised, then
   * any due call-back, then the due first calls and retries, oldest due first. Two agents never get the same contact.
   */
  claimNext(request: ClaimRequest): Promise<ClaimResult>;
  /** The contact the agent holds in this campaign (lease not run out), if any. */
  claimedBy(campaignId: string, agentId: string, now: Date): Promise<Contact | null>;
  /** Extends the claim's lease while it has not run out; false when the claim is gone (recorded, run out, released). */
  renewLease(contactId: string, claimId: string, now: Date, until: Date): Promise<boolean>;
  /** Gives the claim back without an attempt (the contact is called later); frees the quota slot. */
  release(contactId: string, claimId: string, at: Date): Promise<boolean>;
  /** Never calls this contact (on the do-not-call list or opted out); frees a held quota slot. `claimId` null: not claimed. */
  exclude(contactId: string, claimId: string | null, reason: ExclusionReason, at: Date): Promise<boolean>;
  /** Gives back claims whose lease ran out (a closed browser); returns how many. */
  releaseExpired(now: Date, limit: number): Promise<number>;
  /** Records the outcome of the claimed call, all at once; null when the claim is no longer this one. */
  recordOutcome(record: OutcomeRecord): Promise<{ quota: QuotaCounter | null } | null>;
  attempts(contactId: string): Promise<CallAttempt[]>;
  response(contactId: string): Promise<SurveyResponse | null>;
  /** The campaign's answers, in contact-id order after `after` (results and exports walk them page by page). */
  responses(campaignId: string, options: { after?: string | null; limit: number }): Promise<SurveyResponse[]>;
  /** The campaign's call attempts, in id order after `after` (the call-outcome export). */
  campaignAttempts(campaignId: string, options: { after?: string | null; limit: number }): Promise<CallAttempt[]>;
  /** The quota counter of a period (zeros when nothing was counted yet). */
  quota(period: string): Promise<QuotaCounter>;
  /** Records that the counter crossed `threshold` % in the period; true only the first time. */
  raiseQuotaAlert(period: string, threshold: number, at: Date): Promise<boolean>;
  /** Thresholds crossed in the period, with when. */
  quotaAlerts(period: string): Promise<Array<{ threshold: number; at: Date }>>;
}

export interface DoNotCallRepository {
  /** Adds the number unless listed already; true when this call added it. */
  add(entry: DoNotCallEntry): Promise<boolean>;
  remove(phone: string): Promise<boolean>;
  get(phone: string): Promise<DoNotCallEntry | null>;
  /** Newest first, keyset-paged by `before` (an entry's addedAt and phone). */
  list(options: { limit: number; before?: { at: Date; phone: string } | null; phone?: string }): Promise<DoNotCallEntry[]>;
  count(): Promise<number>;
}

/** How a send ended, written right after it. */
export type SendOutcome =
  | { state: 'sent'; messageId: string | null; questionId: string }
  | { state: 'failed' | 'ambiguous' | 'opted_out'; error: string };

/** One answer of a messenger survey, applied only while the subscriber is still on `questionId`. */
export interface AnswerRecord {
  deliveryId: string;
  questionId: string;
  /** The next question, or null when the survey is over (the delivery becomes answered). */
  nextQuestionId: string | null;
  response: SurveyResponse;
  at: Date;
}

/**
 * The delivery records of messenger surveys (one per recipient). Every move is conditional on the state it starts
 * from, so the records say exactly where a dispatch stood when its process died.
 */
export interface SurveyDeliveryRepository {
  /** Adds the records not there yet (by id); returns how many were added. Seeding again is harmless. */
  seed(records: SurveyDelivery[]): Promise<number>;
  get(id: string): Promise<SurveyDelivery | null>;
  /** Pending records due at `now`, oldest due first. */
  due(campaignId: string, now: Date, limit: number): Promise<SurveyDelivery[]>;
  /** pending → sending (attempts + 1), written before the send; false when it was not pending. */
  begin(id: string, at: Date): Promise<boolean>;
  /** sending → how the send ended; false when it was not sending. */
  settle(id: string, outcome: SendOutcome, at: Date): Promise<boolean>;
  /** sending or pending → pending, due at `dueAt` (a clear "not sent": 429, 5xx, a busy chat). */
  postpone(id: string, dueAt: Date, error: string, at: Date): Promise<boolean>;
  /** Every `sending` record of the campaign → ambiguous (their dispatcher died mid-send); returns how many. */
  strandSending(campaignId: string, at: Date): Promise<number>;
  /** The chat's survey in progress (sent, not yet answered), newest first. */
  openForChat(chatKey: string): Promise<SurveyDelivery[]>;
  /** Records the answer and moves to the next question, all at once; false when it is stale (not on that question). */
  answer(record: AnswerRecord): Promise<boolean>;
  /** One record from one of `from` to `to`; false when it was elsewhere. */
  move(id: string, from: DeliveryState[], to: DeliveryState, at: Date, error?: string | null): Promise<boolean>;
  /** pending and sent → expired (the campaign ended); returns how many. */
  expireOpen(campaignId: string, at: Date): Promise<number>;
  countByState(campaignId: string): Promise<Record<DeliveryState, number>>;
  /** In id order after `after`; only this state when given. */
  list(campaignId: string, options: { state?: DeliveryState; after?: string | null; limit: number }): Promise<SurveyDelivery[]>;
}

/** Subscribers who said "stop" to surveys. */
export interface SurveyOptOutRepository {
  /** Records the opt-out unless there is one; true when this call added it. */
  add(optOut: SurveyOptOut): Promise<boolean>;
  /** Surveys back on (the notification settings); true when there was an opt-out. */
  remove(subscriberId: string): Promise<boolean>;
  get(subscriberId: string): Promise<SurveyOptOut | null>;
  /** Which of these subscribers opted out. */
  among(subscriberIds: string[]): Promise<Set<string>>;
}

/** The campaign module's repositories, as the Store aggregate carries them. */
export interface CampaignRepositories {
  questionnaires: QuestionnaireRepository;
  campaigns: CampaignRepository;
  campaignContacts: ContactRepository;
  callListImports: CallListImportRepository;
  doNotCall: DoNotCallRepository;
  surveyDeliveries: SurveyDeliveryRepository;
  surveyOptOuts: SurveyOptOutRepository;
}
