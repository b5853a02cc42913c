/**
 * @module A campaign's audience on its page: how many contacts wait, are being called, are done or were excluded; its
 * imports with their counts and report; and the contacts themselves, page by page.
 */
import type { Translate } from '../../../core/i18n/i18n.ts';
import type { CallListImport, Campaign, Contact, ContactState } from '../../../core/campaigns/index.ts';
import { maskPhone } from '../../../core/verification/phone.ts';
import { href } from '../../context.ts';
import { formatDateTime } from '../format.ts';
import { withQuery } from '../bits.tsx';

export function ImportStatus({ t, record }: { t: Translate; record: CallListImport }) {
  return <span class={`badge import-${record.status}`}>{t(`campaigns:import.status.${record.status}`)}</span>;
}

export function AudienceSummary({ t, campaign, counts, imports, canImport }: {
  t: Translate; campaign: Campaign; counts: Record<ContactState, number>; imports: CallListImport[]; canImport: boolean;
}) {
  const open = campaign.state !== 'finished' && campaign.state !== 'archived';
  return (
    <section class="card">
      <div class="section-head">
        <h2>{t('campaigns:audience.title')}</h2>
        {canImport && open ? <a class="button secondary" href={href(`/campaigns/${campaign.id}/audience`)}>{t('campaigns:audience.add')}</a> : null}
      </div>
      <dl class="counts">
        {(['ready', 'claimed', 'done', 'excluded'] as const).map((s) => (
          <div><dt>{t(`campaigns:contact_state.${s}`)}</dt><dd>{counts[s].toLocaleString('ru-RU')}</dd></div>
        ))}
      </dl>
      {imports.length ? (
        <ul class="plain imports">
          {imports.map((i) => (
            <li>
              <a href={href(`/campaigns/${campaign.id}/imports/${i.id}`)}>{i.source === 'segment' ? t('campaigns:audience.segment') : i.fileName}</a>{' '}
              <ImportStatus t={t} record={i} />{' '}
              <span class="muted small">{formatDateTime(i.createdAt)} · {t('campaigns:import.counts', { imported: i.imported, merged: i.merged, rejected: i.rejected })}</span>
            </li>
          ))}
        </ul>
      ) : <p class="muted">{t('campaigns:audience.none')}</p>}
    </section>
  );
}

export function ContactsTable({ t, campaign, page, names }: {
  t: Translate; campaign: Campaign; page: { items: Contact[]; nextCursor: string | null }; names: Map<string, string>;
}) {
  if (!page.items.length) return null;
  return (
    <section class="card">
      <h2>{t('campaigns:contacts.title')}</h2>
      <div class="table-wrap">
        <table>
          <thead><tr><th>{t('campaigns:contacts.who')}</th><th>{t('campaigns:contacts.state')}</th><th>{t('campaigns:contacts.attempts')}</th><th>{t('campaigns:contacts.next')}</th></tr></thead>
          <tbody>
            {page.items.map((x) => (
              <tr>
                <td data-label={t('campaigns:contacts.who')}>{x.name ?? '—'} <span class="muted small mono">{maskPhone(x.phone)}</span></td>
                <td data-label={t('campaigns:contacts.state')}>
                  {t(`campaigns:contact_state.${x.state}`)}{x.lastOutcome ? ` · ${t(`campaigns:outcome.${x.lastOutcome}`)}` : ''}
                  {x.excludedReason ? ` · ${t(`campaigns:excluded.${x.excludedReason}`)}` : ''}
                  {x.claimedBy ? ` · ${names.get(x.claimedBy) ?? ''}` : ''}
                </td>
                <td data-label={t('campaigns:contacts.attempts')}>{x.attempts}</td>
                <td data-label={t('campaigns:contacts.next')}>{x.state === 'ready' ? formatDateTime(x.dueAt) : '—'}{x.priority === 0 && x.state === 'ready' ? ` · ${t('campaigns:contacts.callback')}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.nextCursor ? <p class="pager"><a class="button secondary" href={withQuery(href(`/campaigns/${campaign.id}`), { cursor: page.nextCursor })}>{t('campaigns:contacts.more')} →</a></p> : null}
    </section>
  );
}
