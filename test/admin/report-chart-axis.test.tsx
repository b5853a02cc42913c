/**
 * The monthly report's tickets-per-day chart labels its axis with whole numbers, each once: a month with no tickets
 * (or one a day at most) reads 0 and 1, not "0, 1, 1" (a half rounded up), and a busier month 0, half, top.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import type { MonthlyReport } from '../../core/reports/model.ts';
import { TicketsPerDayChart } from '../../admin/ui/report-charts.tsx';

const ru = translator('ru');
const withDays = (counts: number[]) =>
  ({ charts: { ticketsPerDay: counts.map((count, i) => ({ key: `2026-11-${String(i + 1).padStart(2, '0')}`, count })) } }) as unknown as MonthlyReport;

describe('the tickets-per-day chart axis', () => {
  it.each([
    [[0, 0, 0], ['0', '1']],
    [[1, 0, 1], ['0', '1']],
    [[3, 4, 0], ['0', '5']],
    [[2, 7, 1], ['0', '5', '10']],
    [[0, 2], ['0', '1', '2']],
  ])('Should label the axis for daily counts %j as %j', (counts, labels) => {
    const html = String(<TicketsPerDayChart t={ru} report={withDays(counts)} />);
    const texts = [...html.matchAll(/<text x="\d+(?:\.\d+)?" y="[\d.]+" text-anchor="end">([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual(labels);
  });
});
