/**
 * @module A campaign's results and exports for the console: the live results (counted afresh on every call from the
 * store, so any instance serves them), the segment choices, the ambiguous sends to decide on, and the files —
 * answers and call outcomes as CSV or XLSX, and the summary workbook.
 */
import type { Translate } from '../../i18n/i18n.ts';
import type { Language } from '../../i18n/model.ts';
import type { CampaignDeps } from '../deps.ts';
import type { Campaign, DeliveryState, Questionnaire, SurveyDelivery } from '../model.ts';
import { answersSheet, outcomesSheet, sheetCsv, summarySheet } from './exports.ts';
import { RespondentReader } from './read.ts';
import { tally, type Segment, type Tally } from './tally.ts';
import { writeXlsx, type Sheet } from './xlsx-writer.ts';

export type { Segment, Tally, QuestionTally, Bar } from './tally.ts';
export { nps, csat, tally } from './tally.ts';
export { writeXlsx, type Sheet } from './xlsx-writer.ts';

type Deps = Pick<CampaignDeps, 'campaigns' | 'questionnaires' | 'contacts' | 'deliveries' | 'accounts' | 'users' | 'clock'>;

export interface CampaignResults {
  campaign: Campaign;
  questionnaire: Questionnaire;
  tally: Tally;
  /** Messenger campaigns: the delivery records by state. */
  deliveries: Record<DeliveryState, number> | null;
  /** The values each segment field takes in this campaign, for the filter lists. */
  choices: { regions: string[]; plans: string[]; channels: string[]; languages: string[] };
  audience: number;
}

export type ExportKind = 'answers' | 'outcomes' | 'summary';

export function createResults(deps: Deps) {
  const reader = new RespondentReader(deps);
  const load = async (id: string) => {
    const campaign = await deps.campaigns.get(id);
    const questionnaire = campaign ? await deps.questionnaires.get(campaign.questionnaireId) : null;
    return campaign && questionnaire ? { campaign, questionnaire } : null;
  };
  const sheet = async (kind: ExportKind, id: string, t: Translate, lang: Language): Promise<Sheet | null> => {
    const found = await load(id);
    if (!found) return null;
    const { campaign, questionnaire } = found;
    if (kind === 'answers') return answersSheet(deps, questionnaire, campaign, t, lang);
    if (kind === 'outcomes') return outcomesSheet(deps, campaign, t, lang);
    return summarySheet(questionnaire, await reader.respondents(campaign), t, lang, deps.clock.now());
  };
  return {
    async results(id: string, segment: Segment = {}, search = ''): Promise<CampaignResults | null> {
      const found = await load(id);
      if (!found) return null;
      const respondents = await reader.respondents(found.campaign);
      const distinct = (values: Array<string | null>) => [...new Set(values.filter((v): v is string => Boolean(v)))].sort();
      return {
        ...found,
        tally: tally(found.questionnaire, respondents, segment, { search, now: deps.clock.now() }),
        deliveries: found.campaign.mode === 'messenger' ? await deps.deliveries.countByState(id) : null,
        choices: {
          regions: distinct(respondents.map((r) => r.contact.region)), plans: distinct(respondents.map((r) => r.planId)),
          channels: distinct(respondents.map((r) => r.response?.channel ?? r.channel)),
          languages: distinct(respondents.map((r) => r.response?.language ?? r.contact.language)),
        },
        audience: respondents.length,
      };
    },
    /** Sends whose outcome is unknown (never retried automatically), for marketing to decide on. */
    ambiguous: (id: string, limit = 200): Promise<SurveyDelivery[]> => deps.deliveries.list(id, { state: 'ambiguous', limit }),
    csv: async (kind: ExportKind, id: string, t: Translate, lang: Language) => {
      const s = await sheet(kind, id, t, lang);
      return s ? sheetCsv(s) : null;
    },
    xlsx: async (kinds: ExportKind[], id: string, t: Translate, lang: Language) => {
      const sheets: Sheet[] = [];
      for (const kind of kinds) {
        const s = await sheet(kind, id, t, lang);
        if (s) sheets.push(s);
      }
      return sheets.length ? writeXlsx(sheets) : null;
    },
  };
}

export type Results = ReturnType<typeof createResults>;
