/** @module The account lookup page: one field (account number or the holder's phone), and the accounts it found. */
import type { Translate } from '../../core/i18n/i18n.ts';
import type { PersonalAccount } from '../../core/accounts/model.ts';
import { href } from '../context.ts';
import { EmptyState } from './bits.tsx';

export function AccountLookup({ t, query, found }: { t: Translate; query: string; found: PersonalAccount[] }) {
  return (
    <section class="card">
      <h2>{t('admin:accounts.find.title')}</h2>
      <form method="get" action={href('/accounts')} class="inline-form">
        <label>
          {t('admin:accounts.find.label')}
          <input type="search" name="q" value={query} maxlength={40} required autocomplete="off" />
        </label>
        <button type="submit">{t('admin:accounts.find.submit')}</button>
      </form>
      {query && found.length === 0 ? <EmptyState title={t('admin:accounts.find.none')} /> : null}
      {found.length > 1 ? (
        <ul class="plain">
          {found.map((a) => (
            <li>
              <a class="mono" href={href(`/accounts/${a.id}`)}>{a.number}</a> · {a.address}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
