/**
 * @module The builder's form for one question: its text in kk and ru side by side, required or not, the answer options
 * (kk | ru | "then go to…") for choice questions, ranges with a jump for scales, and save / move / delete buttons.
 * A frozen questionnaire shows the same form read-only.
 */
import type { Translate } from '../../../core/i18n/i18n.ts';
import { END_OF_SURVEY, type Question, type Questionnaire } from '../../../core/campaigns/index.ts';
import { isChoice, isScale, SCALES } from '../../../core/campaigns/questionnaire-rules.ts';
import { href } from '../../context.ts';
import { Csrf } from '../bits.tsx';
import { Localized } from './bits.tsx';

/** Extra empty option rows offered for adding options without a script. */
const SPARE_OPTIONS = 2;
const RANGE_ROWS = 2;

function GoTo({ t, q, index, name, value, disabled }: { t: Translate; q: Questionnaire; index: number; name: string; value: string; disabled: boolean }) {
  return (
    <select name={name} disabled={disabled} aria-label={t('campaigns:builder.goto')}>
      <option value="">{t('campaigns:builder.goto_next')}</option>
      {q.questions.slice(index + 1).map((later, i) => (
        <option value={later.id} selected={value === later.id}>{t('campaigns:builder.goto_question', { n: index + i + 2 })}</option>
      ))}
      <option value={END_OF_SURVEY} selected={value === END_OF_SURVEY}>{t('campaigns:builder.goto_end')}</option>
    </select>
  );
}

function Options({ t, q, question, index, disabled }: { t: Translate; q: Questionnaire; question: Question; index: number; disabled: boolean }) {
  const rows = [...question.options, ...Array.from({ length: disabled ? 0 : SPARE_OPTIONS }, () => null)];
  return (
    <table class="options">
      <thead>
        <tr>
          <th>#</th>
          <th lang="kk">{t('campaigns:lang.kk')}</th>
          <th lang="ru">{t('campaigns:lang.ru')}</th>
          <th>{t('campaigns:builder.goto')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((o, k) => {
          const rule = o ? question.skip.find((r) => 'option' in r.when && r.when.option === o.id) : undefined;
          return (
            <tr>
              <td>{k + 1}<input type="hidden" name="option_id[]" value={o?.id ?? ''} /></td>
              <td><input name="option_kk[]" lang="kk" value={o?.text.kk ?? ''} disabled={disabled} aria-label={`${t('campaigns:builder.option', { k: k + 1 })} ${t('campaigns:lang.kk')}`} class={o && !o.text.kk ? 'missing' : ''} /></td>
              <td><input name="option_ru[]" lang="ru" value={o?.text.ru ?? ''} disabled={disabled} aria-label={`${t('campaigns:builder.option', { k: k + 1 })} ${t('campaigns:lang.ru')}`} class={o && !o.text.ru ? 'missing' : ''} /></td>
              <td><GoTo t={t} q={q} index={index} name="option_goto[]" value={rule?.goTo ?? ''} disabled={disabled} /></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Ranges({ t, q, question, index, disabled }: { t: Translate; q: Questionnaire; question: Question & { type: 'nps' | 'csat' }; index: number; disabled: boolean }) {
  const { min, max } = SCALES[question.type];
  const rules = question.skip.filter((r) => 'from' in r.when);
  const rows = [...rules, ...Array.from({ length: Math.max(0, RANGE_ROWS - rules.length) }, () => null)];
  return (
    <fieldset class="ranges">
      <legend>{t('campaigns:builder.ranges', { min, max })}</legend>
      {rows.map((r) => (
        <div class="range-row">
          <label>{t('campaigns:builder.from')}<input type="number" name="range_from[]" min={min} max={max} value={r && 'from' in r.when ? String(r.when.from) : ''} disabled={disabled} /></label>
          <label>{t('campaigns:builder.to')}<input type="number" name="range_to[]" min={min} max={max} value={r && 'to' in r.when ? String(r.when.to) : ''} disabled={disabled} /></label>
          <label>{t('campaigns:builder.goto')}<GoTo t={t} q={q} index={index} name="range_goto[]" value={r?.goTo ?? ''} disabled={disabled} /></label>
        </div>
      ))}
    </fieldset>
  );
}

export function QuestionEditor({ t, q, question, index, csrf }: { t: Translate; q: Questionnaire; question: Question; index: number; csrf: string }) {
  const frozen = q.frozenAt !== null;
  const base = href(`/campaigns/questionnaires/${q.id}/questions/${question.id}`);
  return (
    <form method="post" action={base} class="card question" id={`q-${question.id}`} data-question>
      <Csrf token={csrf} />
      <input type="hidden" name="revision" value={String(q.revision)} />
      <div class="question-head">
        <h3>{t('campaigns:builder.question_n', { n: index + 1 })} <span class="badge">{t(`campaigns:type.${question.type}`)}</span></h3>
        <label class="check">
          <input type="checkbox" name="required" value="on" checked={question.required} disabled={frozen} />
          <span>{t('campaigns:builder.required')}</span>
        </label>
      </div>
      <Localized t={t} name="text" label={t('campaigns:builder.text')} value={question.text} rows={2} disabled={frozen} />
      {isChoice(question) ? <Options t={t} q={q} question={question} index={index} disabled={frozen} /> : null}
      {isScale(question) ? <Ranges t={t} q={q} question={question} index={index} disabled={frozen} /> : null}
      {question.type === 'text' ? <p class="muted small">{t('campaigns:builder.text_answer')}</p> : null}
      {frozen ? null : (
        <div class="row-actions">
          <button type="submit">{t('campaigns:builder.save')}</button>
          <button type="submit" class="secondary" formaction={`${base}/move`} name="direction" value="up" disabled={index === 0}>↑ {t('campaigns:builder.up')}</button>
          <button type="submit" class="secondary" formaction={`${base}/move`} name="direction" value="down" disabled={index === q.questions.length - 1}>↓ {t('campaigns:builder.down')}</button>
          <button type="submit" class="secondary danger" formaction={`${base}/delete`} data-confirm-button={t('campaigns:builder.delete_confirm')}>{t('campaigns:builder.delete')}</button>
        </div>
      )}
    </form>
  );
}
