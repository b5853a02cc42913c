/**
 * @module The questionnaire builder: the list of questionnaires (each version), a new one, and the builder page — the
 * agent's greeting and closing in kk and ru side by side, the five question types, required or optional, simple skip
 * logic, what still stops a launch, and a preview. A frozen version (its campaign launched) is read-only with a
 * "new version" button.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { END_OF_SURVEY, QUESTION_TYPES, type SkipRule } from '../../../core/campaigns/index.ts';
import { launchProblems } from '../../../core/campaigns/questionnaire-rules.ts';
import { addQuestion, moveQuestion, removeQuestion, setHead, updateQuestion, type Edit } from '../../../core/campaigns/questionnaire-edits.ts';
import type { Questionnaire } from '../../../core/campaigns/model.ts';
import type { ConsoleDeps, ConsoleEnv } from '../../context.ts';
import { href } from '../../context.ts';
import { requires } from '../../guard.ts';
import { Csrf, EmptyState, Notice } from '../../ui/bits.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { form } from '../../validation.ts';
import { CampaignAssets, CampaignTabs, Checklist, Localized, Refusal } from '../../ui/campaigns/bits.tsx';
import { QuestionEditor } from '../../ui/campaigns/question-editor.tsx';
import { actorOf, found, idParam } from './shared.ts';

const text = z.string().max(1000).default('');
const list = (item: z.ZodType = z.string().max(1000)) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(40));
const revision = z.coerce.number().int().min(1);
const goto = z.union([z.literal(''), z.literal(END_OF_SURVEY), z.uuid()]);

const headForm = z.object({ revision, name: z.string().trim().min(1).max(200), greeting_kk: text, greeting_ru: text, closing_kk: text, closing_ru: text });
const questionForm = z.object({
  revision, text_kk: text, text_ru: text, required: z.literal('on').optional(),
  'option_id[]': list(z.union([z.literal(''), z.uuid()])), 'option_kk[]': list(), 'option_ru[]': list(), 'option_goto[]': list(goto),
  'range_from[]': list(z.string().max(3)), 'range_to[]': list(z.string().max(3)), 'range_goto[]': list(goto),
});
const moveForm = z.object({ revision, direction: z.enum(['up', 'down']) });
const addForm = z.object({ revision, type: z.enum(QUESTION_TYPES) });
const revisionOnly = z.object({ revision });
const newForm = z.object({ name: z.string().trim().min(1).max(200) });

/** The question form's rows → the edit's input: options (new rows get an id now, so their jumps can name them) and skip rules. */
function questionInput(v: z.output<typeof questionForm>) {
  const options = v['option_kk[]'].map((kk, i) => ({ id: String(v['option_id[]'][i] ?? '') || randomUUID(), text: { kk: String(kk), ru: String(v['option_ru[]'][i] ?? '') } }));
  const skip: SkipRule[] = [];
  options.forEach((o, i) => {
    const goTo = String(v['option_goto[]'][i] ?? '');
    if (goTo && (o.text.kk.trim() || o.text.ru.trim())) skip.push({ when: { option: o.id }, goTo });
  });
  v['range_from[]'].forEach((from, i) => {
    const goTo = String(v['range_goto[]'][i] ?? '');
    const to = String(v['range_to[]'][i] ?? '');
    if (goTo && String(from) !== '' && to !== '') skip.push({ when: { from: Number(from), to: Number(to) }, goTo });
  });
  return { text: { kk: v.text_kk, ru: v.text_ru }, required: v.required === 'on', options, skip };
}

export function questionnaireRoutes({ campaigns }: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.get('/', requires('campaigns.view'), async (c) => {
    const t = c.get('t');
    const items = await campaigns.listQuestionnaires();
    const can = c.get('permissions').has('campaigns.manage');
    return c.render(
      <>
        <CampaignAssets />
        <CampaignTabs t={t} can={c.get('permissions')} here="/campaigns/questionnaires" />
        {can ? (
          <form method="post" action={href('/campaigns/questionnaires')} class="card inline-form">
            <Csrf token={c.get('csrfToken')} />
            <label>{t('campaigns:questionnaire.new_name')}<input name="name" required maxlength={200} /></label>
            <button type="submit">{t('campaigns:questionnaire.create')}</button>
          </form>
        ) : null}
        {items.length === 0 ? <EmptyState title={t('campaigns:questionnaire.empty')}>{t('campaigns:questionnaire.empty_hint')}</EmptyState> : (
          <div class="table-wrap">
            <table>
              <thead><tr><th>{t('campaigns:field.name')}</th><th>{t('campaigns:questionnaire.version')}</th><th>{t('campaigns:questionnaire.questions')}</th><th>{t('campaigns:questionnaire.status')}</th></tr></thead>
              <tbody>
                {items.map((q) => (
                  <tr>
                    <td data-label={t('campaigns:field.name')}><a href={href(`/campaigns/questionnaires/${q.id}`)}>{q.name}</a></td>
                    <td data-label={t('campaigns:questionnaire.version')}>v{q.version}</td>
                    <td data-label={t('campaigns:questionnaire.questions')}>{q.questions.length}</td>
                    <td data-label={t('campaigns:questionnaire.status')}>
                      {q.frozenAt ? t('campaigns:questionnaire.frozen_since', { at: formatDateTime(q.frozenAt) }) : launchProblems(q).length ? t('campaigns:questionnaire.incomplete') : t('campaigns:questionnaire.ready')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>,
      { title: t('campaigns:questionnaire.title') },
    );
  });

  app.post('/', requires('campaigns.manage'), form(newForm), async (c) => {
    const created = await campaigns.createQuestionnaire(c.req.valid('form').name, actorOf(c));
    if (!created.ok) return c.redirect(href('/campaigns/questionnaires'), 303);
    return c.redirect(href(`/campaigns/questionnaires/${created.value.id}`), 303);
  });

  const builder = async (c: Context<ConsoleEnv>, q: Questionnaire, refusal?: { reason: string; params?: Record<string, string | number> }) => {
    const t = c.get('t');
    const csrf = c.get('csrfToken');
    const frozen = q.frozenAt !== null;
    const canEdit = c.get('permissions').has('campaigns.manage') && !frozen;
    const base = href(`/campaigns/questionnaires/${q.id}`);
    return c.render(
      <>
        <CampaignAssets />
        <Refusal t={t} reason={refusal?.reason} params={refusal?.params} />
        {c.req.query('saved') ? <Notice kind="ok">{t('campaigns:builder.saved')}</Notice> : null}
        {frozen ? <Notice kind="warn">{t('campaigns:builder.frozen', { at: formatDateTime(q.frozenAt!) })}</Notice> : null}
        <Checklist t={t} problems={launchProblems(q)} title={t('campaigns:builder.before_launch')} />
        <form method="post" action={`${base}/head`} class="card stack">
          <Csrf token={csrf} />
          <input type="hidden" name="revision" value={String(q.revision)} />
          <label>{t('campaigns:field.name')}<input name="name" value={q.name} required maxlength={200} disabled={!canEdit} /></label>
          <Localized t={t} name="greeting" label={t('campaigns:builder.greeting')} value={q.greeting} rows={3} disabled={!canEdit} />
          <Localized t={t} name="closing" label={t('campaigns:builder.closing')} value={q.closing} rows={2} disabled={!canEdit} />
          {canEdit ? <div><button type="submit">{t('campaigns:builder.save')}</button></div> : null}
        </form>
        {q.questions.map((question, i) => <QuestionEditor t={t} q={q} question={question} index={i} csrf={csrf} />)}
        {canEdit ? (
          <form method="post" action={`${base}/questions`} class="card add-question">
            <Csrf token={csrf} />
            <input type="hidden" name="revision" value={String(q.revision)} />
            <p class="muted">{t('campaigns:builder.add')}</p>
            <div class="row-actions">
              {QUESTION_TYPES.map((type) => <button type="submit" class="secondary" name="type" value={type}>+ {t(`campaigns:type.${type}`)}</button>)}
            </div>
          </form>
        ) : null}
      </>,
      {
        title: `${q.name} · v${q.version}`,
        actions: (
          <>
            <a class="button secondary" href={`${base}/preview?lang=${c.get('lang')}`}>{t('campaigns:builder.preview')}</a>
            {frozen && c.get('permissions').has('campaigns.manage') ? (
              <form method="post" action={`${base}/version`}>
                <Csrf token={csrf} />
                <button type="submit">{t('campaigns:builder.new_version')}</button>
              </form>
            ) : null}
          </>
        ),
      },
    );
  };

  app.get('/:qid', requires('campaigns.view'), async (c) => builder(c, found(await campaigns.getQuestionnaire(idParam(c, 'qid')))));

  /** Runs an edit and goes back to the builder (to the question edited), or shows the builder with the refusal. */
  const edit = async (c: Context<ConsoleEnv>, rev: number, what: string, change: (q: Questionnaire) => Edit, anchor = '') => {
    const id = idParam(c, 'qid');
    found(await campaigns.getQuestionnaire(id));
    const r = await campaigns.editQuestionnaire(id, rev, actorOf(c), what, change);
    if (!r.ok) return builder(c, found(await campaigns.getQuestionnaire(id)), r);
    return c.redirect(`${href(`/campaigns/questionnaires/${id}`)}?saved=1${anchor}`, 303);
  };

  app.post('/:qid/head', requires('campaigns.manage'), form(headForm), (c) => {
    const v = c.req.valid('form');
    return edit(c, v.revision, 'head', (q) => setHead(q, { name: v.name, greeting: { kk: v.greeting_kk, ru: v.greeting_ru }, closing: { kk: v.closing_kk, ru: v.closing_ru } }));
  });
  app.post('/:qid/questions', requires('campaigns.manage'), form(addForm), (c) => {
    const v = c.req.valid('form');
    return edit(c, v.revision, `add ${v.type}`, (q) => addQuestion(q, v.type));
  });
  app.post('/:qid/questions/:question', requires('campaigns.manage'), form(questionForm), (c) => {
    const v = c.req.valid('form');
    const question = idParam(c, 'question');
    return edit(c, v.revision, 'question', (q) => updateQuestion(q, question, questionInput(v)), `#q-${question}`);
  });
  app.post('/:qid/questions/:question/move', requires('campaigns.manage'), form(moveForm), (c) => {
    const v = c.req.valid('form');
    const question = idParam(c, 'question');
    return edit(c, v.revision, `move ${v.direction}`, (q) => moveQuestion(q, question, v.direction), `#q-${question}`);
  });
  app.post('/:qid/questions/:question/delete', requires('campaigns.manage'), form(revisionOnly), (c) => {
    const question = idParam(c, 'question');
    return edit(c, c.req.valid('form').revision, 'delete', (q) => removeQuestion(q, question));
  });
  app.post('/:qid/version', requires('campaigns.manage'), form(z.object({})), async (c) => {
    const next = await campaigns.newQuestionnaireVersion(idParam(c, 'qid'), actorOf(c));
    if (!next.ok) return builder(c, found(await campaigns.getQuestionnaire(idParam(c, 'qid'))), next);
    return c.redirect(href(`/campaigns/questionnaires/${next.value.id}`), 303);
  });

  return app;
}
