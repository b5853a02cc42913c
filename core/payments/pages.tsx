/**
 * @module The payer-facing pages we serve ourselves: the local TEST payment page (Confirm / Decline, with an
 * unmistakable "no money moves" banner) and the page the payer lands on after any gateway. kk/ru from
 * `locales/<lang>/payments.json`; server-rendered, no scripts.
 */
import type { FC, PropsWithChildren } from 'hono/jsx';
import { formatMoney } from '../billing/money.ts';
import { translator } from '../i18n/i18n.ts';
import type { Language } from '../store/types.ts';
import type { Payment } from './model.ts';

const css = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1d2430}
main{max-width:30rem;margin:0 auto;padding:1rem}
.banner{background:#ffd43b;color:#3b2f00;border:3px dashed #b08800;padding:1rem;border-radius:.5rem;font-weight:700;text-align:center}
.banner strong{display:block;font-size:1.4rem;letter-spacing:.04em}
.card{background:#fff;border-radius:.5rem;padding:1rem;margin-top:1rem;box-shadow:0 1px 3px rgba(0,0,0,.1)}
dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem;margin:0}dt{color:#5b6472}dd{margin:0;font-weight:600}
.amount{font-size:1.6rem}
.actions{display:flex;gap:.75rem;margin-top:1rem;flex-wrap:wrap}
button{flex:1;min-width:10rem;font-size:1.05rem;padding:.8rem;border-radius:.4rem;border:0;cursor:pointer}
.confirm{background:#1f7a3a;color:#fff}.decline{background:#fff;color:#a61b1b;border:2px solid #a61b1b}
.status{font-size:1.15rem}`;

const Layout: FC<PropsWithChildren<{ language: Language; title: string }>> = ({ language, title, children }) => (
  <html lang={language}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>{title}</title>
      <style>{css}</style>
    </head>
    <body>
      <main>{children}</main>
    </body>
  </html>
);

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
export const TestPaymentPage: FC<{ payment: Payment; error?: string }> = ({ payment, error }) => {
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
              <button class="confirm" type="submit">{t('payments:test.confirm')}</button>
            </form>
            <form method="post" action={`/pay/test/${payment.id}/decline`}>
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

/** A payment link that leads nowhere (bilingual: we do not know the payer's language). */
export const NotFoundPage: FC = () => (
  <Layout language="ru" title="404">
    <section class="card">
      <p class="status">{translator('kk')('payments:page.notFound')}</p>
      <p class="status">{translator('ru')('payments:page.notFound')}</p>
    </section>
  </Layout>
);
