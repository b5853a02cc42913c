/** @module Small building blocks every console page uses: CSRF field, empty state, notices, paging link. */
import type { Child } from 'hono/jsx';
import { CSRF_FIELD } from '../auth/csrf.ts';

/** The hidden CSRF field every console form carries. */
export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

/** What a page shows when there is nothing to list. */
export function EmptyState({ title, children }: { title: string; children?: Child }) {
  return (
    <div class="empty" role="status">
      <p class="empty-title">{title}</p>
      {children ? <p class="muted">{children}</p> : null}
    </div>
  );
}

/** A calm success / warning / error line at the top of a page. */
export function Notice({ kind, children }: { kind: 'ok' | 'warn' | 'error'; children: Child }) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** The "from" and "to" date fields of a filter form (`YYYY-MM-DD`, Almaty days). */
export function DateRange({ from, to, fromLabel, toLabel }: { from?: string; to?: string; fromLabel: string; toLabel: string }) {
  return (
    <>
      <label>
        {fromLabel}
        <input type="date" name="from" value={from ?? ''} />
      </label>
      <label>
        {toLabel}
        <input type="date" name="to" value={to ?? ''} />
      </label>
    </>
  );
}

/** "Older →" link for keyset paging; nothing when there is no further page. */
export function NextPage({ href, label }: { href: string | null; label: string }) {
  if (!href) return null;
  return (
    <nav class="pager" aria-label={label}>
      <a class="button secondary" href={href} rel="next">
        {label} →
      </a>
    </nav>
  );
}

/** Builds a query string from the non-empty values, for filter and paging links. */
export function withQuery(path: string, params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
