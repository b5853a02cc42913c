/**
 * The campaign pages through `app.request()`, as marketing, a supervisor and an agent use them: build a questionnaire
 * with the five question types in kk and ru, create a campaign, upload a call list with bad rows and read the report,
 * launch, assign an agent, and work the calling screen; bad input gets a clear answer, never a 500.
 */
import { describe, expect, it } from 'vitest';
import { consoleFixture, visibleText, type Browser, type ConsoleFixture } from './console.fixture.ts';
import { translator } from '../../core/i18n/i18n.ts';

const ru = translator('ru');
const kk = translator('kk');

async function signedIn(f: ConsoleFixture, roles: Parameters<ConsoleFixture['user']>[0]): Promise<{ b: Browser; id: string }> {
  const user = await f.user(roles);
  const b = f.browser();
  await b.signIn(user.email);
  return { b, id: user.id };
}

/** Posts a multipart form (a file upload) with this browser's cookies and CSRF token. */
async function upload(f: ConsoleFixture, b: Browser, path: string, file: Blob, name: string, fields: Record<string, string> = {}) {
  const body = new FormData();
  body.set('_csrf', b.csrf);
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  body.set('file', file, name);
  return f.app.request(path, { method: 'POST', body, headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
}

const location = (res: Response) => res.headers.get('location') ?? '';

/** Marketing builds a complete questionnaire through the builder's forms; returns its id. */
async function buildQuestionnaire(f: ConsoleFixture, b: Browser): Promise<string> {
  const created = await b.post('/admin/campaigns/questionnaires', { name: 'Megaline сапасы' });
  const id = /questionnaires\/([0-9a-f-]{36})/.exec(location(created))![1]!;
  const base = `/admin/campaigns/questionnaires/${id}`;
  let rev = 1;
  const post = async (path: string, form: Record<string, string | string[]>) => {
    const res = await b.post(`${base}${path}`, { revision: String(rev), ...form });
    expect(res.status, visibleText(b.last.html).slice(0, 300)).toBe(303);
    rev += 1;
  };
  await post('/head', { name: 'Megaline сапасы', greeting_kk: 'Сәлеметсіз бе!', greeting_ru: 'Здравствуйте!', closing_kk: 'Рақмет!', closing_ru: 'Спасибо!' });
  for (const type of ['single', 'multiple', 'nps', 'csat', 'text']) await post('/questions', { type });
  const q = (await f.campaigns.getQuestionnaire(id))!;
  const [q1, q2, q3, q4, q5] = q.questions;
  await post(`/questions/${q1!.id}`, {
    text_kk: 'Интернет жылдамдығы қанағаттандыра ма?', text_ru: 'Устраивает ли скорость интернета?', required: 'on',
    'option_id[]': [q1!.options[0]!.id, q1!.options[1]!.id, ''], 'option_kk[]': ['Иә', 'Жоқ', ''], 'option_ru[]': ['Да', 'Нет', ''],
    'option_goto[]': ['', q4!.id, ''],
  });
  await post(`/questions/${q2!.id}`, {
    text_kk: 'Не үшін қолданасыз?', text_ru: 'Для чего используете?', required: 'on',
    'option_id[]': [q2!.options[0]!.id, q2!.options[1]!.id, ''], 'option_kk[]': ['Жұмыс', 'Оқу', 'Фильмдер'], 'option_ru[]': ['Работа', 'Учёба', 'Фильмы'],
    'option_goto[]': ['', '', ''],
  });
  await post(`/questions/${q3!.id}`, { text_kk: 'Ұсынар ма едіңіз?', text_ru: 'Порекомендуете ли нас?', required: 'on', 'range_from[]': ['0', ''], 'range_to[]': ['6', ''], 'range_goto[]': ['end', ''] });
  await post(`/questions/${q4!.id}`, { text_kk: 'Қызмет сапасын бағалаңыз', text_ru: 'Оцените качество обслуживания', required: 'on' });
  await post(`/questions/${q5!.id}`, { text_kk: 'Тілектеріңіз', text_ru: 'Ваши пожелания' });
  return id;
}

/**
 * Marketing builds a questionnaire and a campaign with a two-number call list, a supervisor assigns an agent, marketing
 * launches it; returns the campaign, its questionnaire and the signed-in agent.
 */
async function launchedWithAgent(f: ConsoleFixture): Promise<{ campaignId: string; qid: string; agent: { b: Browser; id: string } }> {
    const m = await signedIn(f, ['marketing']);
    await m.b.get('/admin/campaigns/questionnaires');
    const qid = await buildQuestionnaire(f, m.b);
    await m.b.get('/admin/campaigns/new');
    const campaignPath = location(await m.b.post('/admin/campaigns', { name: 'Обзвон', questionnaireId: qid }));
    const campaignId = /campaigns\/([0-9a-f-]{36})/.exec(campaignPath)![1]!;
    await m.b.get(`${campaignPath}/audience`);
    await upload(f, m.b, `${campaignPath}/audience/file`, new Blob(['phone,name\n87011234567,Айгүл\n87021234567,Ержан\n']), 'a.csv');
    await f.campaigns.runner.idle();
    await m.b.get(campaignPath);
    const c = (await f.campaigns.get(campaignId))!;
    const settings = {
      revision: String(c.revision), name: c.name, questionnaireId: qid, startAt: '', endAt: '2026-04-30T21:00',
      weekdayOpen: '09:00', weekdayClose: '21:00', weekendOpen: '10:00', weekendClose: '19:00',
      no_answer_attempts: '3', no_answer_spacing: '120', busy_attempts: '3', busy_spacing: '120', partial_attempts: '2', partial_spacing: '1440', callback_attempts: '5',
    };
    expect((await m.b.post(`${campaignPath}/settings`, settings)).status).toBe(303);
    const agent = await signedIn(f, ['agent']);
    const supervisor = await signedIn(f, ['supervisor']);
    await supervisor.b.get(campaignPath);
    expect(supervisor.b.last.html).toContain(`value="${agent.id}"`);
    expect((await supervisor.b.post(`${campaignPath}/agents`, { agents: [agent.id] })).status).toBe(303);
    expect((await agent.b.post(`${campaignPath}/launch`, {})).status).toBe(403);
    await m.b.get(campaignPath);
    expect((await m.b.post(`${campaignPath}/launch`, {})).status).toBe(303);
    expect((await f.campaigns.get(campaignId))!.state).toBe('running');
    return { campaignId, qid, agent };
}

describe('campaign pages', () => {
  it('Should let marketing build a questionnaire with all five question types in kk and ru, side by side, with skip logic and previews', async () => {
    const f = await consoleFixture();
    const { b } = await signedIn(f, ['marketing']);
    await b.get('/admin/campaigns/questionnaires');
    const id = await buildQuestionnaire(f, b);
    const q = (await f.campaigns.getQuestionnaire(id))!;
    expect(q.questions.map((x) => x.type)).toEqual(['single', 'multiple', 'nps', 'csat', 'text']);
    expect(q.questions[1]!.options.map((o) => o.text.ru)).toEqual(['Работа', 'Учёба', 'Фильмы']);
    expect(q.questions[0]!.skip).toEqual([{ when: { option: q.questions[0]!.options[1]!.id }, goTo: q.questions[3]!.id }]);
    expect(q.questions[2]!.skip).toEqual([{ when: { from: 0, to: 6 }, goTo: 'end' }]);
    expect(q.questions[4]!.required).toBe(false);
    await b.get(`/admin/campaigns/questionnaires/${id}`);
    const page = visibleText(b.last.html);
    expect(page).not.toContain(ru('campaigns:builder.before_launch'));
    expect(b.last.html).toContain('name="text_kk"');
    await b.get(`/admin/campaigns/questionnaires/${id}/preview?lang=kk`);
    const preview = visibleText(b.last.html);
    expect(preview).toContain('Интернет жылдамдығы қанағаттандыра ма?');
    expect(preview).toContain(`${kk('campaigns:preview.of', { n: 1, of: 5 })}`);
    expect(preview).toContain('1 — Иә');
    expect(preview).toContain(ru('campaigns:preview.skip', { when: '«Жоқ»', target: ru('campaigns:builder.goto_question', { n: 4 }) }));
  });

  it('Should show what stops a launch, and refuse an edit made on an older revision', async () => {
    const f = await consoleFixture();
    const { b } = await signedIn(f, ['marketing']);
    await b.get('/admin/campaigns/questionnaires');
    const created = await b.post('/admin/campaigns/questionnaires', { name: 'Пустая' });
    const base = location(created);
    await b.get(base);
    expect(visibleText(b.last.html)).toContain(ru('campaigns:problem.no_questions'));
    await b.post(`${base}/questions`, { revision: '1', type: 'nps' });
    const stale = await b.post(`${base}/questions`, { revision: '1', type: 'text' });
    expect(stale.status).toBe(200);
    expect(visibleText(b.last.html)).toContain(ru('campaigns:error.stale'));
    const junk = await b.post(`${base}/questions`, { revision: 'x', type: 'dance' });
    expect(junk.status).toBe(400);
  });

  it('Should import a call list with bad rows, show the per-row report and offer it for download', async () => {
    const f = await consoleFixture();
    const { b } = await signedIn(f, ['marketing']);
    await b.get('/admin/campaigns/questionnaires');
    const qid = await buildQuestionnaire(f, b);
    await b.get('/admin/campaigns/new');
    const created = await b.post('/admin/campaigns', { name: 'Опрос о скорости', questionnaireId: qid });
    const campaignPath = location(created);
    await b.get(`${campaignPath}/audience`);
    expect(b.last.html).toContain('enctype="multipart/form-data"');
    const csv = 'Телефон;ФИО;Язык\n87011234567;Айгүл;kk\n12345;Плохой;ru\n87011234567;Повтор;ru\n87021234567;Ержан;латынь\n';
    const res = await upload(f, b, `${campaignPath}/audience/file`, new Blob([csv], { type: 'text/csv' }), 'список.csv', { encoding: 'auto' });
    expect(res.status).toBe(303);
    await f.campaigns.runner.idle();
    await b.get(location(res));
    const page = visibleText(b.last.html);
    expect(page).toContain(ru('campaigns:import.reason.bad_phone'));
    expect(page).toContain(ru('campaigns:import.report.merged_into', { line: 2 }));
    expect(page).toContain(ru('campaigns:import.reason.unknown_language'));
    const report = await b.get(`${location(res)}/report.csv`);
    expect(report.headers.get('content-type')).toContain('text/csv');
    expect(await report.text()).toContain(`3;${ru('campaigns:import.field.phone')};12345;`);
    expect(await f.campaigns.counts(/campaigns\/([0-9a-f-]{36})/.exec(campaignPath)![1]!)).toMatchObject({ ready: 2 });
  });

  it('Should refuse a 50 MB upload and a file that is not a call list with a clear message (the server-wide guard stops the body earlier)', async () => {
    const f = await consoleFixture();
    const { b } = await signedIn(f, ['marketing']);
    await b.get('/admin/campaigns/questionnaires');
    const qid = await buildQuestionnaire(f, b);
    await b.get('/admin/campaigns/new');
    const campaignPath = location(await b.post('/admin/campaigns', { name: 'X', questionnaireId: qid }));
    await b.get(`${campaignPath}/audience`);
    const big = await upload(f, b, `${campaignPath}/audience/file`, new Blob([new Uint8Array(50 * 1024 * 1024)]), 'huge.csv');
    expect(big.status).toBe(200);
    expect(visibleText(await big.text())).toContain(ru('campaigns:import.error.too_big', { max: 20 }));
    const junk = await upload(f, b, `${campaignPath}/audience/file`, new Blob([new Uint8Array([0, 1, 2, 3, 0, 0, 9])]), 'x.csv');
    expect(junk.status).toBe(200);
    expect(visibleText(await junk.text())).toContain(ru('campaigns:import.error.binary'));
  });

  it('Should let a supervisor assign an agent, marketing launch, and the agent work the calling screen to an outcome', async () => {
    const f = await consoleFixture();
    const { campaignId, qid, agent } = await launchedWithAgent(f);
    await agent.b.get('/admin/calling');
    expect(visibleText(agent.b.last.html)).toContain('Обзвон');
    await agent.b.get(`/admin/calling/${campaignId}`);
    const next = await agent.b.post(`/admin/calling/${campaignId}/next`, {});
    expect(location(next)).toBe(`/admin/calling/${campaignId}`);
    await agent.b.get(location(next));
    const screen = agent.b.last.html;
    expect(visibleText(screen)).toContain('Здравствуйте!');
    const contactId = /contacts\/([0-9a-f-]{36})\/outcome/.exec(screen)![1]!;
    const claimId = /name="claimId" value="([0-9a-f-]{36})"/.exec(screen)![1]!;
    const hb = await f.app.request(`/admin/calling/${campaignId}/contacts/${contactId}/heartbeat`, {
      method: 'POST', body: new URLSearchParams({ claimId }),
      headers: { cookie: [...agent.b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': agent.b.csrf, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(await hb.json()).toMatchObject({ alive: true, quota: { used: 0, pending: 1, cap: 5000 } });
    const q = (await f.campaigns.getQuestionnaire(qid))!;
    const incomplete = await agent.b.post(`/admin/calling/${campaignId}/contacts/${contactId}/outcome`, { claimId, lang: 'ru', outcome: 'effective', [`a_${q.questions[0]!.id}`]: q.questions[0]!.options[1]!.id });
    expect(incomplete.status).toBe(200);
    expect(visibleText(agent.b.last.html)).toContain(ru('campaigns:calling.error.incomplete', { questions: '4' }));
    expect(agent.b.last.html).toContain(`value="${q.questions[0]!.options[1]!.id}" checked`);
    const recorded = await agent.b.post(`/admin/calling/${campaignId}/contacts/${contactId}/outcome`, {
      claimId, lang: 'ru', outcome: 'effective', [`a_${q.questions[0]!.id}`]: q.questions[0]!.options[1]!.id, [`a_${q.questions[3]!.id}`]: '4',
    });
    expect(location(recorded)).toBe(`/admin/calling/${campaignId}?said=recorded&code=effective`);
    await agent.b.get(location(recorded));
    expect(visibleText(agent.b.last.html)).toContain(ru('campaigns:calling.said.recorded', { outcome: ru('campaigns:outcome.effective') }));
    expect((await f.campaigns.quota()).used).toBe(1);
    const again = await agent.b.post(`/admin/calling/${campaignId}/contacts/${contactId}/outcome`, { claimId, lang: 'ru', outcome: 'busy' });
    expect(again.status).toBe(200);
    expect(visibleText(agent.b.last.html)).toContain(ru('campaigns:calling.error.claim_lost'));
    const stranger = await signedIn(f, ['agent']);
    expect((await stranger.b.get(`/admin/calling/${campaignId}`)).status).toBe(403);
  });

  it('Should offer an agent on a break the next contact only as "ready — next contact", and set them ready when they take it (cl. 32)', async () => {
    const f = await consoleFixture();
    const { campaignId, agent } = await launchedWithAgent(f);
    await agent.b.get(`/admin/calling/${campaignId}`);
    expect(visibleText(agent.b.last.html)).toContain(ru('campaigns:calling.next'));
    expect(visibleText(agent.b.last.html)).not.toContain(ru('campaigns:calling.ready_next'));
    expect((await agent.b.post('/admin/status', { status: 'lunch', back: `/admin/calling/${campaignId}` })).status).toBe(303);
    await agent.b.get(`/admin/calling/${campaignId}`);
    const page = visibleText(agent.b.last.html);
    expect(page).toContain(ru('campaigns:calling.not_ready', { status: ru('reports:status.name.lunch') }));
    expect(page).toContain(ru('campaigns:calling.ready_next'));
    expect(page).not.toContain(ru('campaigns:calling.next'));
    await agent.b.post('/admin/language', { lang: 'kk', back: `/admin/calling/${campaignId}` });
    await agent.b.get(`/admin/calling/${campaignId}`);
    expect(visibleText(agent.b.last.html)).toContain(kk('campaigns:calling.not_ready', { status: kk('reports:status.name.lunch') }));
    expect(visibleText(agent.b.last.html)).toContain(kk('campaigns:calling.ready_next'));
    expect((await f.reports.currentStatus(agent.id))!.status).toBe('lunch');

    const next = await agent.b.post(`/admin/calling/${campaignId}/next`, {});
    expect(location(next)).toBe(`/admin/calling/${campaignId}`);
    expect((await f.reports.currentStatus(agent.id))!.status).toBe('ready');
    await agent.b.get(location(next));
    expect(visibleText(agent.b.last.html)).toContain('Сәлеметсіз бе!');
    expect(visibleText(agent.b.last.html)).not.toContain(kk('campaigns:calling.not_ready', { status: kk('reports:status.name.lunch') }));
  });

  it('Should keep the do-not-call list and the quota settings to those allowed', async () => {
    const f = await consoleFixture();
    const m = await signedIn(f, ['marketing']);
    await m.b.get('/admin/campaigns/do-not-call');
    expect((await m.b.post('/admin/campaigns/do-not-call', { phone: '8 701 123 45 67', note: 'письмо от абонента' })).status).toBe(303);
    expect(await f.store.doNotCall.get('+77011234567')).toMatchObject({ source: 'manual' });
    await m.b.post('/admin/campaigns/do-not-call', { phone: 'не номер' });
    expect(visibleText(m.b.last.html)).toContain(ru('campaigns:dnc.error.bad_phone'));
    expect((await m.b.get('/admin/campaigns/quota')).status).toBe(403);
    const admin = await signedIn(f, ['admin']);
    await admin.b.get('/admin/campaigns/quota');
    expect((await admin.b.post('/admin/campaigns/quota', { cap: '3', mode: 'notify', periodStart: '07-01' })).status).toBe(303);
    expect((await f.campaigns.quota()).settings).toEqual({ cap: 3, mode: 'notify', periodStart: '07-01' });
    expect((await admin.b.post('/admin/campaigns/quota', { cap: '3', mode: 'notify', periodStart: '02-30' })).status).toBe(400);
    await m.b.get('/admin/campaigns');
    expect(visibleText(m.b.last.html)).toContain(ru('campaigns:quota.mode_notify'));
  });
});
