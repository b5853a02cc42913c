/**
 * @module The payer-facing pages we serve ourselves: the local TEST payment page (Confirm / Decline, with an
 * unmistakable "no money moves" banner) and the page the payer lands on after any gateway. kk/ru from
 * `locales/<lang>/payments.json`; server-rendered, no scripts, styles from the shared page stylesheet (the CSP allows
 * nothing inline: core/server/pages/layout.tsx).
 */
import type { FC } from 'hono/jsx';
import { PageLayout as Layout } from '../server/pages/layout.tsx';
import { formatMoney } from '../billing/money.ts';
import { translator } from '../i18n/i18n.ts';
import type { Language } from '../i18n/model.ts';
import type { Payment } from './model.ts';

const Details: FC<{ payment: Payment; language: Language }> = ({ payment, language }) => {
  const t = translator(language);
  return (
    <dl>
      <dt>{t('payments:page.amount')}</dt>
      <dd class="amount">{formatMoney(payment.amountTiyn, language)}</dd>
      <dt>{t('payments:page.account')}</dt>
      <dd>{payment.accountNumber}</dd>
      <dt>{t('payments:page.purpose')}</dt>
      <dd>{payment.description}</dd>
    </dl>
  );
};

/** The TEST gateway's page for one payment. */
export const TestPaymentPage: FC<{ payment: Payment; csrf: string; error?: string }> = ({ payment, csrf, error }) => {
  const language = payment.language;
  const t = translator(language);
  const open = payment.status === 'created' || payment.status === 'declined';
  return (
    <Layout language={language} title={t('payments:test.title')}>
      <div class="banner" role="alert">
        <strong>{t('payments:test.title')}</strong>
        {t('payments:test.banner')}
      </div>
      <section class="card">
        <Details payment={payment} language={language} />
        {error ? <p class="status" role="status">{error}</p> : null}
        {open ? (
          <div class="actions">
            <form method="post" action={`/pay/test/${payment.id}/confirm`}>
              <input type="hidden" name="csrf" value={csrf} />
              <button class="confirm" type="submit">{t('payments:test.confirm')}</button>
            </form>
            <form method="post" action={`/pay/test/${payment.id}/decline`}>
              <input type="hidden" name="csrf" value={csrf} />
              <button class="decline" type="submit">{t('payments:test.decline')}</button>
            </form>
          </div>
        ) : (
          <p class="status" role="status">{t(`payments:done.${payment.status}`)}</p>
        )}
      </section>
    </Layout>
  );
};

/** Where the payer lands after the gateway: what we know of the payment, and "go back to the chat". */
export const DonePage: FC<{ payment: Payment }> = ({ payment }) => {
  const language = payment.language;
  const t = translator(language);
  return (
    <Layout language={language} title={t('payments:done.title')}>
      {payment.provider === 'test' ? (
        <div class="banner" role="note">
          <strong>{t('payments:test.title')}</strong>
        </div>
      ) : null}
      <section class="card">
        <Details payment={payment} language={language} />
        <p class="status" role="status">{t(`payments:done.${payment.status}`)}</p>
      </section>
    </Layout>
  );
};

/** A payment link that leads nowhere, or a page that is out of date, in the visitor's language (cookie, browser). */
export const NoticePage: FC<{ language: Language; textKey: string }> = ({ language, textKey }) => {
  const t = translator(language);
  return (
    <Layout language={language} title={t('payments:done.title')}>
      <section class="card">
        <p class="status">{t(textKey)}</p>
      </section>
    </Layout>
  );
};
