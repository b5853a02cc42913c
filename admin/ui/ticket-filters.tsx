/**
 * @module The tickets workplace's queue tabs (with how many tickets each holds under the current filters) and its
 * search and filter panel: type, channel, status, region (a list of the regions tickets came from), service and a
 * period, laid out in full rows at every width.
 */
import type { Translate } from '../../core/i18n/i18n.ts';
import { COUNT_CAP, QUEUES, TICKET_CHANNELS, TICKET_STATUSES, TICKET_TYPES, type QueueName } from '../../core/tickets/index.ts';
import { href } from '../context.ts';
import { DateRange, withQuery } from './bits.tsx';

export interface TicketFilterValues {
  type?: string;
  channel?: string;
  status?: string;
  region?: string;
  service?: string;
  from?: string;
  to?: string;
  q?: string;
}

const SERVICES = ['megaline', 'phone'];

/** `12`, or `999+` past the cap. */
export const countText = (n: number): string => (n >= COUNT_CAP ? `${COUNT_CAP - 1}+` : String(n));

export function QueueTabs({ t, queue, counts, params }: {
  t: Translate;
  queue: QueueName;
  counts: Record<QueueName, number>;
  params: Record<string, string | undefined>;
}) {
  return (
    <nav class="tabs" aria-label={t('admin:tickets.queues')}>
      {QUEUES.map((q) => (
        <a href={withQuery(href('/tickets'), { ...params, queue: q })} aria-current={q === queue ? 'page' : undefined}>
          {t(`tickets:queue.${q}`)} <span class="count" data-count={q}>{countText(counts[q])}</span>
        </a>
      ))}
    </nav>
  );
}

function Choice({ name, label, any, values, selected, text }: {
  name: string;
  label: string;
  any: string;
  values: readonly string[];
  selected?: string;
  text: (v: string) => string;
}) {
  return (
    <label>
      {label}
      <select name={name}>
        <option value="">{any}</option>
        {values.map((v) => (
          <option value={v} selected={selected === v}>
            {text(v)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function TicketFilters({ t, queue, f, regions }: { t: Translate; queue: QueueName; f: TicketFilterValues; regions: string[] }) {
  const more = Boolean(f.type || f.channel || f.status || f.region || f.service || f.from || f.to);
  const any = t('admin:filters.any');
  // A region chosen earlier stays selectable even when no ticket carries it any more.
  const regionList = f.region && !regions.includes(f.region) ? [f.region, ...regions] : regions;
  return (
    <form method="get" action={href('/tickets')} class="filters card" role="search">
      <input type="hidden" name="queue" value={queue} />
      <label class="grow">
        {t('admin:tickets.filter.search')}
        <input type="search" name="q" value={f.q ?? ''} placeholder={t('admin:tickets.filter.search_hint')} />
      </label>
      <div class="filter-actions">
        <button type="submit">{t('admin:filters.apply')}</button>
        {more || f.q ? (
          <a class="button secondary" href={withQuery(href('/tickets'), { queue })}>
            {t('admin:filters.reset')}
          </a>
        ) : null}
      </div>
      <details class="filter-more" open={more}>
        <summary>{t('admin:tickets.filter.more')}</summary>
        <div class="filter-grid">
          <Choice name="type" label={t('admin:tickets.filter.type')} any={any} values={TICKET_TYPES} selected={f.type} text={(v) => t(`tickets:type.${v}`)} />
          <Choice name="channel" label={t('admin:tickets.filter.channel')} any={any} values={TICKET_CHANNELS} selected={f.channel} text={(v) => t(`tickets:channel.${v}`)} />
          <Choice name="status" label={t('admin:tickets.filter.status')} any={t('admin:tickets.filter.status_default')} values={TICKET_STATUSES} selected={f.status} text={(v) => t(`tickets:status.${v}`)} />
          <Choice name="region" label={t('admin:tickets.filter.region')} any={any} values={regionList} selected={f.region} text={(v) => v} />
          <Choice name="service" label={t('admin:tickets.filter.service')} any={any} values={SERVICES} selected={f.service} text={(v) => t(`rules:service.${v}`)} />
          <fieldset class="filter-period">
            <legend>{t('admin:tickets.filter.period')}</legend>
            <DateRange from={f.from} to={f.to} fromLabel={t('admin:filters.from')} toLabel={t('admin:filters.to')} />
          </fieldset>
        </div>
      </details>
    </form>
  );
}
