/**
 * @module A questionnaire as people meet it: the agent's script (greeting, each question with its choices and where
 * an answer leads, the closing words) and the messenger view (the bot's message with Telegram buttons, and the same as
 * WhatsApp's numbered list), from the channel-agnostic prompt core/campaigns gives.
 */
import type { Translate } from '../../../core/i18n/i18n.ts';
import { END_OF_SURVEY, type Question, type Questionnaire } from '../../../core/campaigns/index.ts';
import { surveyPrompt } from '../../../core/campaigns/survey-prompt.ts';
import type { Language } from '../../../core/i18n/model.ts';

/** "If «No» → question 4", one line per skip rule. */
export function skipNotes(t: Translate, q: Questionnaire, question: Question, lang: Language): string[] {
  return question.skip.map((rule) => {
    const target = rule.goTo === END_OF_SURVEY ? t('campaigns:builder.goto_end') : t('campaigns:builder.goto_question', { n: q.questions.findIndex((x) => x.id === rule.goTo) + 1 });
    const when = 'option' in rule.when
      ? `«${question.options.find((o) => 'option' in rule.when && o.id === rule.when.option)?.text[lang] ?? '?'}»`
      : `${rule.when.from}–${rule.when.to}`;
    return t('campaigns:preview.skip', { when, target });
  });
}

export function AgentScript({ t, q, lang }: { t: Translate; q: Questionnaire; lang: Language }) {
  return (
    <div class="script" lang={lang}>
      <p class="script-say">{q.greeting[lang] || <span class="missing-text">{t('campaigns:preview.missing')}</span>}</p>
      <ol class="script-questions">
        {q.questions.map((question) => {
          const prompt = surveyPrompt(q, question, lang);
          return (
            <li>
              <p class="script-say">
                {prompt.text || <span class="missing-text">{t('campaigns:preview.missing')}</span>}
                {question.required ? null : <span class="muted small"> ({t('campaigns:builder.optional')})</span>}
              </p>
              <p class="muted small">{t(`campaigns:type_hint.${question.type}`)}{prompt.choices.length && !prompt.freeText && question.options.length ? `: ${prompt.choices.map((c) => c.label).join(' · ')}` : ''}</p>
              {skipNotes(t, q, question, lang).map((note) => <p class="skip-note small">↪ {note}</p>)}
            </li>
          );
        })}
      </ol>
      <p class="script-say">{q.closing[lang]}</p>
    </div>
  );
}

/** The bot's survey message for one question, as Telegram (buttons) and WhatsApp (numbered list) show it. */
export function BotPreview({ t, q, lang }: { t: Translate; q: Questionnaire; lang: Language }) {
  return (
    <div class="bot-preview" lang={lang}>
      {q.questions.map((question) => {
        const p = surveyPrompt(q, question, lang);
        const head = `${t('campaigns:preview.of', { n: p.number, of: p.of, lng: lang })}\n${p.text}`;
        return (
          <div class="bot-pair">
            <div class="bubble telegram">
              <p class="bubble-channel">Telegram</p>
              <p class="bubble-text">{head}</p>
              {p.freeText ? <p class="muted small">{t('campaigns:preview.type_answer', { lng: lang })}</p> : (
                <div class={`tg-buttons ${p.choices.length > 5 ? 'grid' : ''}`}>
                  {p.choices.map((c) => <span class="tg-button">{p.multiple ? `☐ ${c.label}` : c.label}</span>)}
                  {p.multiple ? <span class="tg-button wide">{t('campaigns:preview.done', { lng: lang })}</span> : null}
                </div>
              )}
            </div>
            <div class="bubble whatsapp">
              <p class="bubble-channel">WhatsApp</p>
              <p class="bubble-text">{head}</p>
              {p.freeText ? <p class="muted small">{t('campaigns:preview.type_answer', { lng: lang })}</p> : (
                <p class="bubble-text">{question.options.length ? p.choices.map((c, i) => `${i + 1} — ${c.label}`).join('\n') : `${p.choices.map((c) => c.label).join(' · ')}\n${t('campaigns:preview.reply_number', { lng: lang })}`}</p>
              )}
              {p.multiple ? <p class="muted small">{t('campaigns:preview.several', { lng: lang })}</p> : null}
            </div>
          </div>
        );
      })}
    </div>
  );
}
