/**
 * @module The agent's calling screen while a contact is held: the script in the contact's language (switchable), the
 * questions to fill in while talking (skip logic hides what a given answer skips), the outcome buttons — one per code,
 * with the call-back time — and the contact's card with earlier attempts and the subscriber's accounts.
 */
import type { Translate } from '../../../core/i18n/i18n.ts';
import { OUTCOME_CODES, OUTCOMES, type AnswerValue, type CallAttempt, type Campaign, type Contact, type Question, type Questionnaire } from '../../../core/campaigns/index.ts';
import { SCALES, isScale } from '../../../core/campaigns/questionnaire-rules.ts';
import type { PersonalAccount } from '../../../core/accounts/model.ts';
import type { Language } from '../../../core/i18n/model.ts';
import { href } from '../../context.ts';
import { Csrf } from '../bits.tsx';
import { formatDateTime } from '../format.ts';
import { skipNotes } from './script.tsx';

export type Posted = Record<string, string | string[]>;

const has = (given: string | string[] | AnswerValue | undefined, value: string) =>
  Array.isArray(given) ? given.map(String).includes(value) : String(given ?? '') === value;

function AnswerInput({ question, lang, value }: { question: Question; lang: Language; value: string | string[] | AnswerValue | undefined }) {
  const name = `a_${question.id}`;
  if (question.type === 'text') return <textarea name={name} rows={2} maxlength={1000}>{typeof value === 'string' ? value : ''}</textarea>;
  if (isScale(question)) {
    const { min, max } = SCALES[question.type];
    return (
      <div class="scale" role="radiogroup">
        {Array.from({ length: max - min + 1 }, (_, i) => String(min + i)).map((v) => (
          <label class="scale-point"><input type="radio" name={name} value={v} checked={has(value, v)} /><span>{v}</span></label>
        ))}
      </div>
    );
  }
  const type = question.type === 'multiple' ? 'checkbox' : 'radio';
  return (
    <div class="choices">
      {question.options.map((o) => (
        <label class="check"><input type={type} name={name} value={o.id} checked={has(value, o.id)} /><span>{o.text[lang]}</span></label>
      ))}
    </div>
  );
}

/** The questions as the agent fills them; `data-skip` lets the page's script hide what an answer skips. */
export function AnswerSheet({ t, q, lang, values }: { t: Translate; q: Questionnaire; lang: Language; values: Record<string, string | string[] | AnswerValue> }) {
  return (
    <ol class="sheet" data-survey={JSON.stringify(q.questions.map((x) => ({ id: x.id, skip: x.skip })))}>
      {q.questions.map((question) => (
        <li data-question-id={question.id}>
          <fieldset>
            <legend>
              {question.text[lang]}
              {question.required ? <span class="req" title={t('campaigns:builder.required')}> *</span> : null}
            </legend>
            <AnswerInput question={question} lang={lang} value={values[question.id]} />
            {skipNotes(t, q, question, lang).map((note) => <p class="skip-note small">↪ {note}</p>)}
          </fieldset>
        </li>
      ))}
    </ol>
  );
}

export function OutcomeButtons({ t, campaign }: { t: Translate; campaign: Campaign }) {
  return (
    <fieldset class="outcomes">
      <legend>{t('campaigns:calling.outcome')}</legend>
      <div class="outcome-grid">
        {OUTCOME_CODES.map((code) => (
          <button type="submit" name="outcome" value={code} class={code === 'effective' ? '' : 'secondary'} title={t(`campaigns:outcome_help.${code}`)}
            data-outcome={code} data-confirm-button={OUTCOMES[code].addsToDoNotCall ? t('campaigns:calling.dnc_confirm') : undefined}>
            {t(`campaigns:outcome.${code}`)}
          </button>
        ))}
      </div>
      <div class="callback-fields" data-callback-fields>
        <label>{t('campaigns:calling.callback_at')}<input type="datetime-local" name="callbackAt" /><span class="muted small">{t('campaigns:calling.callback_hint', { weekday: `${Math.floor(campaign.callingHours.weekday.open / 60)}–${Math.floor(campaign.callingHours.weekday.close / 60)}` })}</span></label>
        <label class="check"><input type="checkbox" name="callbackMine" value="on" checked /><span>{t('campaigns:calling.callback_mine')}</span></label>
      </div>
      <label>{t('campaigns:calling.note')}<textarea name="note" rows={2} maxlength={1000}></textarea></label>
    </fieldset>
  );
}

export function ContactCard({ t, contact, attempts, accounts, names, returnUrl, csrf }: {
  t: Translate; contact: Contact; attempts: CallAttempt[]; accounts: PersonalAccount[]; names: Map<string, string>; returnUrl: string; csrf: string;
}) {
  return (
    <aside class="card contact-card" aria-label={t('campaigns:calling.card')}>
      <h2>{contact.name ?? t('campaigns:calling.no_name')}</h2>
      <p class="phone"><a href={`tel:${contact.phone}`} class="mono">{contact.phone}</a></p>
      <dl class="facts compact">
        <dt>{t('campaigns:import.field.language')}</dt><dd>{contact.language ? t(`campaigns:lang.${contact.language}`) : '—'}</dd>
        <dt>{t('campaigns:import.field.region')}</dt><dd>{contact.region ?? '—'}</dd>
        <dt>{t('campaigns:import.field.account')}</dt><dd class="mono">{contact.accountNumber ?? '—'}</dd>
        {contact.tags.length ? <><dt>{t('campaigns:import.field.tags')}</dt><dd>{contact.tags.map((x) => <span class="badge">{x}</span>)}</dd></> : null}
        <dt>{t('campaigns:contacts.attempts')}</dt><dd>{contact.attempts}</dd>
      </dl>
      {accounts.length ? (
        <>
          <h3>{t('campaigns:calling.accounts')}</h3>
          <ul class="plain">{accounts.map((a) => <li><span class="mono">{a.number}</span> · {t(`rules:status.${a.status}`)}</li>)}</ul>
        </>
      ) : null}
      {attempts.length ? (
        <>
          <h3>{t('campaigns:calling.history')}</h3>
          <ul class="timeline">
            {attempts.map((a) => (
              <li><time>{formatDateTime(a.endedAt)}</time>{t(`campaigns:outcome.${a.outcome}`)} · {names.get(a.agentId) ?? '—'}{a.note ? <div class="muted small">{a.note}</div> : null}</li>
            ))}
          </ul>
        </>
      ) : null}
      <form method="post" action={returnUrl}>
        <Csrf token={csrf} />
        <input type="hidden" name="claimId" value={contact.claimId ?? ''} />
        <button type="submit" class="link">{t('campaigns:calling.return')}</button>
      </form>
    </aside>
  );
}

/** Where the calling screen's forms post for a held contact. */
export const contactUrl = (campaignId: string, contactId: string, what: 'outcome' | 'heartbeat' | 'return') =>
  href(`/calling/${campaignId}/contacts/${contactId}/${what}`);
