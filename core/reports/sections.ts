/**
 * @module The report as tables, in the reader's language: one list of sections (cl. 29(1)–(5), then cl. 21 and 34),
 * each a header and rows of cells. The console page, the CSV and the XLSX are all drawn from these, so the downloads
 * say exactly what the page says.
 */
import type { Translate } from '../i18n/i18n.ts';
import type { MonthlyReport, Threshold } from './model.ts';
import { NOT_GIVEN } from './monthly.ts';

export type Cell = string | number;

export interface Section {
  id: string;
  title: string;
  head: string[];
  rows: Cell[][];
}

/** Seconds, rounded to a tenth (durations are kept in milliseconds). */
export const seconds = (ms: number | null): Cell => (ms === null ? '—' : Math.round(ms / 100) / 10);
/** A share as a percentage with one decimal. */
export const percent = (value: number | null): Cell => (value === null ? '—' : Math.round(value * 1000) / 10);

/** Display names of the agents (user id → name); an unknown id shows as itself. */
export type AgentNames = ReadonlyMap<string, string>;

export function reportSections(r: MonthlyReport, t: Translate, names: AgentNames): Section[] {
  const k = (key: string, params?: Record<string, unknown>) => t(`reports:${key}`, params);
  const given = (v: string) => (v === NOT_GIVEN ? k('not_given') : v);
  const agent = (id: string) => (id === NOT_GIVEN ? k('not_given') : names.get(id) ?? id);
  const type = (key: string) => t(`tickets:type.${key}`);
  const met = (th: Threshold) => (th.met === null ? '—' : th.met ? k('target.met') : k('target.missed'));
  const countHead = [k('col.what'), k('col.count')];
  return [
    {
      id: 'tickets', title: k('section.tickets'), head: countHead,
      rows: [
        [k('row.total_incoming'), r.tickets.total],
        ...r.tickets.byType.map((c) => [`${k('row.by_type')}: ${type(c.key)}`, c.count]),
        ...r.tickets.byRegion.map((c) => [`${k('row.by_region')}: ${given(c.key)}`, c.count]),
        ...r.tickets.byService.map((c) => [`${k('row.by_service')}: ${given(c.key)}`, c.count]),
      ],
    },
    {
      id: 'conversations', title: k('section.conversations'), head: countHead,
      rows: [
        [k('row.conversations_total'), r.conversations.total],
        [k('row.taken_by_agents'), r.conversations.takenByAgents],
        ...r.conversations.perAgent.map((c) => [`${k('row.taken_by')}: ${agent(c.key)}`, c.count]),
        [k('row.by_bot'), r.conversations.byBot],
        [k('row.lost'), r.conversations.lost],
      ],
    },
    {
      id: 'messengers', title: k('section.messengers'),
      head: [k('col.channel'), k('col.total'), ...r.messengers[0]!.byType.map((c) => type(c.key))],
      rows: r.messengers.map((m) => [t(`tickets:channel.${m.channel}`), m.total, ...m.byType.map((c) => c.count)]),
    },
    {
      id: 'durations', title: k('section.durations'),
      head: [k('col.agent'), k('col.accepted'), k('col.handling_s'), k('col.average_handling_s')],
      rows: [
        [k('row.all_agents'), r.durations.accepted, seconds(r.durations.handlingMs), seconds(r.durations.accepted ? r.durations.handlingMs / r.durations.accepted : null)],
        ...r.durations.perAgent.map((a) => [agent(a.agentId), a.taken, seconds(a.handlingMs), seconds(a.averageHandlingMs)]),
        [k('row.missed'), r.durations.missed, '—', '—'],
        [k('row.average_wait_s'), r.durations.waited, seconds(r.durations.averageWaitMs), '—'],
      ],
    },
    {
      id: 'second_line', title: k('section.second_line'),
      head: [k('col.branch'), k('col.with_callback'), k('col.in_time'), k('col.in_time_pct'), k('col.breaches'), k('col.average_delay_s')],
      rows: [
        [k('row.all_branches'), r.secondLine.withCallback, r.secondLine.inTime, percent(r.secondLine.inTimeShare), r.secondLine.breaches, seconds(r.secondLine.averageDelayMs)],
        ...r.secondLine.byBranch.map((b) => [given(b.branch), b.withCallback, b.inTime, percent(b.withCallback ? b.inTime / b.withCallback : null), b.breaches, seconds(b.averageDelayMs)]),
      ],
    },
    {
      id: 'targets', title: k('section.targets'),
      head: [k('col.indicator'), k('col.value'), k('col.threshold'), k('col.verdict')],
      rows: [
        [k('target.lost_share'), percent(r.targets.lostShare.value), `≤ ${percent(r.targets.lostShare.limit)}`, met(r.targets.lostShare)],
        [k('target.average_wait'), seconds(r.targets.averageWait.value), `≤ ${seconds(r.targets.averageWait.limit)}`, met(r.targets.averageWait)],
        [k('target.served_share'), percent(r.targets.servedShare.value), `≥ ${percent(r.targets.servedShare.limit)}`, met(r.targets.servedShare)],
        [k('target.tickets_registered'), r.targets.ticketsRegistered, '—', '—'],
        [k('target.tickets_complete'), r.targets.ticketsComplete, '—', '—'],
      ],
    },
  ];
}
