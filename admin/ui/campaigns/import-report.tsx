/**
 * @module An import's page: what it is doing (checking the file, importing row N of M — a progress bar the browser
 * keeps current from server-sent events), the counts when done, why a file was refused, and the per-row report.
 */
import type { Translate } from '../../../core/i18n/i18n.ts';
import type { CallListImport, Campaign, ImportIssue } from '../../../core/campaigns/index.ts';
import { href } from '../../context.ts';
import { Notice, withQuery } from '../bits.tsx';
import { ImportStatus } from './audience.tsx';

/** What the progress stream sends, and the page shows first. */
export function progressOf(r: CallListImport) {
  const total = r.totalRows || r.checkedRows;
  const value = r.status === 'checking' ? r.checkedRows : r.processedRows;
  return {
    status: r.status, value, total, imported: r.imported, merged: r.merged, rejected: r.rejected, warnings: r.warnings,
    percent: r.status === 'done' ? 100 : r.totalRows && r.status === 'importing' ? Math.floor((r.processedRows * 100) / r.totalRows) : 0,
  };
}

export function ImportReport({ t, campaign, record, issues, after }: { t: Translate; campaign: Campaign; record: CallListImport; issues: ImportIssue[]; after: number }) {
  const p = progressOf(record);
  const running = record.status !== 'done' && record.status !== 'failed';
  const base = href(`/campaigns/${campaign.id}/imports/${record.id}`);
  return (
    <>
      <p><a href={href(`/campaigns/${campaign.id}`)}>← {campaign.name}</a></p>
      <section class="card import" data-import-events={running ? `${base}/events` : undefined}
        data-label-checking={t('campaigns:import.status.checking')} data-label-importing={t('campaigns:import.status.importing')}>
        <p><ImportStatus t={t} record={record} /> <span class="muted small" data-import-line>{running ? t('campaigns:import.progress', { value: p.value, total: p.total || '…' }) : ''}</span></p>
        <progress max={100} value={p.percent} data-import-bar aria-label={t('campaigns:import.progress_label')}>{p.percent}%</progress>
        <dl class="counts">
          {(['imported', 'merged', 'rejected', 'warnings'] as const).map((k) => (
            <div><dt>{t(`campaigns:import.count.${k}`)}</dt><dd data-import-count={k}>{record[k].toLocaleString('ru-RU')}</dd></div>
          ))}
        </dl>
        {record.error ? <Notice kind="error">{t(`campaigns:${record.error.reason}`, record.error.params)}</Notice> : null}
        {record.status === 'done' ? <Notice kind="ok">{t('campaigns:import.finished', { total: record.totalRows })}</Notice> : null}
        {running ? <p class="muted small">{t('campaigns:import.keep_working')} <a href={base}>{t('campaigns:import.refresh')}</a></p> : null}
      </section>
      {record.status === 'done' ? (
        <section class="card">
          <div class="section-head">
            <h2>{t('campaigns:import.report_title')}</h2>
            {issues.length || after ? <a class="button secondary" href={`${base}/report.csv`} download>{t('campaigns:import.download')}</a> : null}
          </div>
          {issues.length ? (
            <div class="table-wrap">
              <table>
                <thead><tr><th>{t('campaigns:import.report.line')}</th><th>{t('campaigns:import.report.column')}</th><th>{t('campaigns:import.report.value')}</th><th>{t('campaigns:import.report.reason')}</th><th>{t('campaigns:import.report.outcome')}</th></tr></thead>
                <tbody>
                  {issues.map((i) => (
                    <tr class={`issue-${i.outcome}`}>
                      <td data-label={t('campaigns:import.report.line')}>{i.line}</td>
                      <td data-label={t('campaigns:import.report.column')}>{i.column ? t(`campaigns:import.field.${i.column}`) : '—'}</td>
                      <td data-label={t('campaigns:import.report.value')} class="mono">{i.value ?? ''}</td>
                      <td data-label={t('campaigns:import.report.reason')}>
                        {t(`campaigns:import.reason.${i.reason}`)}{i.mergedIntoLine !== null ? ` (${t('campaigns:import.report.merged_into', { line: i.mergedIntoLine })})` : ''}
                      </td>
                      <td data-label={t('campaigns:import.report.outcome')}>{t(`campaigns:import.outcome.${i.outcome}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : <p class="muted">{t('campaigns:import.no_issues')}</p>}
          {issues.length === 200 ? <p class="pager"><a class="button secondary" href={withQuery(base, { after: issues[issues.length - 1]!.line })}>{t('campaigns:import.more')} →</a></p> : null}
        </section>
      ) : null}
    </>
  );
}
