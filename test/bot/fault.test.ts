import { describe, expect, it } from 'vitest';
import type { PersonalAccount } from '../../core/accounts/model.ts';
import { harness, press, text, type Harness } from './harness.ts';

/** Links the harness chat to a subscriber with the given accounts (verification has its own tests). */
async function linked(h: Harness, accounts: Array<Partial<PersonalAccount>>, language: 'ru' | 'kk' = 'ru') {
  const now = h.clock.now();
  await h.store.subscribers.create({ id: 'sub-1', fullName: 'Ерлан Сапаров', phone: '+77017770011', iin: null, category: 'individual', language, notificationsMuted: false, createdAt: now });
  for (const [i, a] of accounts.entries()) {
    await h.store.accounts.create({
      id: `acc-${i}`, number: `10000000000${i}`, subscriberId: 'sub-1', status: 'current', statusSince: now, billingMethod: 'credit',
      address: 'Алматы, Сейфуллина 500', region: 'Алматытелеком', planId: 'megaline-plus', services: ['megaline'], termContractUntil: null,
      openedAt: now, closedAt: null, ...a,
    });
  }
  await h.store.chats.setLanguage(h.chatKey, language);
  await h.store.chats.link(h.chatKey, { subscriberId: 'sub-1', phone: '+77017770011', linkedAt: now, expiresAt: new Date(now.getTime() + 86_400_000 * 90) });
}

const texts = (r: { outbound: { text: string }[] }) => r.outbound.map((m) => m.text).join('\n');
const token = (h: Harness) => h.state?.menu?.token ?? null;
const choiceIds = (r: { outbound: { choices?: { id: string }[] }[] }) => r.outbound.flatMap((m) => m.choices ?? []).map((c) => c.id);

/** Presses "register" and skips the two optional questions (description, callback time). */
async function registerSkipping(h: Harness) {
  await h.step(press('register', token(h)));
  await h.step(press('skip', token(h)));
  return h.step(press('skip', token(h)));
}

async function toSymptom(h: Harness) {
  await h.step({ kind: 'command', name: 'menu', args: '' });
  return h.step(press('fault', token(h)));
}

describe('fault journey (PRODUCT.md journey 6)', () => {
  it('Should run self-help first, then register a technical ticket with its number and the callback time (seed 003 cl. 5)', async () => {
    const h = await harness();
    await linked(h, [{}]);
    const asked = await toSymptom(h);
    expect(texts(asked)).toContain('Интернет Megaline: что именно происходит?');
    const help = await h.step(press('sym:no_internet', token(h)));
    expect(texts(help)).toContain('Выключите роутер из розетки');
    const done = await registerSkipping(h);
    expect(texts(done)).toContain('Заявка T-000001 зарегистрирована. Специалист второй линии техподдержки перезвонит вам не позднее: сегодня в 12:00 (время Алматы).');
    const [ticket] = await h.services.tickets.activeForSubscriber('sub-1');
    expect(ticket).toMatchObject({ type: 'technical', channel: 'telegram', service: 'megaline', symptom: 'no_internet', accountId: 'acc-0', phone: '+77017770011', region: 'Алматытелеком', status: 'escalated', line: 2 });
  });

  it('Should end without a ticket when self-help solved it', async () => {
    const h = await harness();
    await linked(h, [{}]);
    await toSymptom(h);
    await h.step(press('sym:slow', token(h)));
    const r = await h.step(press('helped', token(h)));
    expect(texts(r)).toContain('Рад, что всё заработало');
    expect(await h.store.tickets.countActive()).toBe(0);
  });

  it.each([['иа', 'helped'], ['Ия', 'helped'], ['жок', 'register']])('Should read "%s" (Kazakh typed on a Russian keyboard) at "did it help?" as the answer it means', async (said, meant) => {
    const h = await harness();
    await linked(h, [{}]);
    await toSymptom(h);
    await h.step(press('sym:slow', token(h)));
    const r = await h.step(text(said));
    if (meant === 'helped') {
      expect(texts(r)).toContain('Рад, что всё заработало');
    } else {
      expect(choiceIds(r)).toContain('skip');
    }
    expect(await h.store.tickets.countActive()).toBe(0);
  });

  it('cl. 33(5): an account disconnected for debt is offered payment instead of a ticket', async () => {
    const h = await harness();
    await linked(h, [{ status: 'disconnected' }]);
    await toSymptom(h);
    const r = await h.step(press('sym:no_internet', token(h)));
    expect(texts(r)).toContain('Услуги отключены за долг');
    expect(choiceIds(r)).toEqual(['pay', 'cancel']);
    expect(await h.store.tickets.countActive()).toBe(0);
  });

  it('cl. 36(7): planned works at the address are explained with their end', async () => {
    const h = await harness();
    await linked(h, [{}]);
    await h.store.outages.add({
      id: 'out-1', kind: 'planned', region: 'Алматытелеком', addressPrefix: 'Алматы, Сейфуллина', services: ['megaline'],
      startsAt: new Date('2026-03-10T03:00:00Z'), endsAt: new Date('2026-03-10T13:00:00Z'), notifiedAt: null, createdAt: new Date('2026-03-05T03:00:00Z'),
    });
    await toSymptom(h);
    const r = await h.step(press('sym:no_internet', token(h)));
    expect(texts(r)).toContain('По вашему адресу идут плановые работы. Связь восстановится 10 марта 2026 г., 18:00.');
    expect(choiceIds(r)).toEqual(['register', 'cancel']);
    const anyway = await registerSkipping(h);
    expect(texts(anyway)).toContain('Заявка T-000001 зарегистрирована');
  });

  it('Should keep "register anyway" after a stale button at a finding (the walk found the way to a ticket lost)', async () => {
    const h = await harness();
    await linked(h, [{}]);
    await h.store.outages.add({
      id: 'out-2', kind: 'planned', region: 'Алматытелеком', addressPrefix: 'Алматы, Сейфуллина', services: ['megaline'],
      startsAt: new Date('2026-03-10T03:00:00Z'), endsAt: new Date('2026-03-10T13:00:00Z'), notifiedAt: null, createdAt: new Date('2026-03-05T03:00:00Z'),
    });
    const symptoms = await toSymptom(h);
    const oldToken = token(h);
    expect(choiceIds(symptoms)).toContain('sym:no_internet');
    await h.step(press('sym:no_internet', oldToken));
    const stale = await h.step(press('sym:slow', oldToken));
    expect(texts(stale)).toContain('Эта кнопка уже неактуальна');
    expect(choiceIds(stale)).toEqual(['register', 'cancel']);
    const anyway = await registerSkipping(h);
    expect(texts(anyway)).toContain('Заявка T-000001 зарегистрирована');
  });

  it('Should ask once, not twice, to pick a button when words come at a finding', async () => {
    const h = await harness();
    await linked(h, [{}]);
    await h.store.outages.add({
      id: 'out-3', kind: 'planned', region: 'Алматытелеком', addressPrefix: 'Алматы, Сейфуллина', services: ['megaline'],
      startsAt: new Date('2026-03-10T03:00:00Z'), endsAt: new Date('2026-03-10T13:00:00Z'), notifiedAt: null, createdAt: new Date('2026-03-05T03:00:00Z'),
    });
    await toSymptom(h);
    await h.step(press('sym:no_internet', token(h)));
    const words = await h.step(text('лампочка мигает'));
    expect(texts(words)).toContain('Выберите вариант кнопкой или вернитесь в меню.');
    expect(texts(words)).not.toContain('Выберите, пожалуйста, один из вариантов.');
    expect(choiceIds(words)).toEqual(expect.arrayContaining(['register', 'cancel']));
  });

  it('seed 000: Megaline Hit above 7 GB this month is explained as throttling', async () => {
    const h = await harness();
    await linked(h, [{ planId: 'megaline-hit' }]);
    await h.store.billing.setTraffic('acc-0', '2026-03', 7500);
    await toSymptom(h);
    const r = await h.step(press('sym:slow', token(h)));
    expect(texts(r)).toContain('скорость снижена до 32 кбит/с');
    expect(choiceIds(r)).toContain('plan');
  });

  it('Should ask which account when the subscriber has several, and which service when the account has several', async () => {
    const h = await harness();
    await linked(h, [{}, { services: ['megaline', 'phone'], address: 'Алматы, Абая 1' }]);
    await h.step({ kind: 'command', name: 'menu', args: '' });
    const which = await h.step(press('fault', token(h)));
    expect(texts(which)).toContain('По какому лицевому счёту неисправность?');
    // The one account picker of every journey: "№ number · address" buttons with the account number as id, and Cancel.
    expect(choiceIds(which)).toEqual(['acc:100000000000', 'acc:100000000001', 'cancel']);
    expect(which.outbound.at(-1)?.choices?.[1]?.label).toBe('№ 100000000001 · Алматы, Абая 1');
    const service = await h.step(press('acc:100000000001', token(h)));
    expect(choiceIds(service)).toEqual(['svc:megaline', 'svc:phone', 'cancel']);
    const symptom = await h.step(press('svc:phone', token(h)));
    expect(choiceIds(symptom)).toEqual(['sym:no_tone', 'sym:noise', 'sym:no_calls', 'cancel']);
  });

  it('Should show the open ticket for the same service instead of opening a second one', async () => {
    const h = await harness();
    await linked(h, [{}]);
    await toSymptom(h);
    await h.step(press('sym:no_internet', token(h)));
    await registerSkipping(h);
    const again = await toSymptom(h);
    expect(texts(again)).toContain('У вас уже есть открытая заявка по этой услуге: T-000001');
    expect(await h.store.tickets.countActive()).toBe(1);
  });

  it('Should speak Kazakh to a Kazakh-speaking subscriber, with the callback time tomorrow after hours', async () => {
    const h = await harness({ language: 'kk' });
    await linked(h, [{}], 'kk');
    h.clock.set('2026-03-10T16:30:00Z'); // 21:30 Almaty, after closing
    await toSymptom(h);
    await h.step(press('sym:no_internet', token(h)));
    const done = await registerSkipping(h);
    expect(texts(done)).toContain('T-000001 өтінімі тіркелді. Техникалық қолдаудың екінші желісінің маманы сізге ең кешікпей ертең сағат 11:00 (Алматы уақыты) кері қоңырау шалады.');
  });

  it('Should hand the chat to a person after three answers the fault journey cannot use', async () => {
    const h = await harness();
    await linked(h, [{}]);
    await toSymptom(h);
    const first = await h.step(text('у меня всё сломалось'));
    expect(texts(first)).toContain('Выберите, пожалуйста, один из вариантов.');
    await h.step(text('ну'));
    const second = await h.step(text('помогите уже'));
    expect(texts(second)).toContain('Соединяю вас с оператором');
    expect(await h.services.tickets.handedOffTicket(h.chatKey)).not.toBeNull();
  });

  it('Should ask for a short description and a convenient callback time before registering, and keep both on the ticket', async () => {
    const h = await harness();
    await linked(h, [{}]);
    await toSymptom(h);
    await h.step(press('sym:wifi', token(h)));
    const described = await h.step(press('register', token(h)));
    expect(texts(described)).toContain('Коротко опишите, что происходит');
    expect(choiceIds(described)).toEqual(['skip', 'cancel']);
    expect(await h.store.tickets.countActive()).toBe(0);
    const when = await h.step(text('  Роутер мигает красным с утра  '));
    expect(texts(when)).toContain('Когда вам удобно принять звонок специалиста?');
    expect(choiceIds(when)).toEqual(['slot:any', 'slot:morning', 'slot:afternoon', 'slot:evening', 'skip', 'cancel']);
    const done = await h.step(press('slot:evening', token(h)));
    expect(texts(done)).toContain('Заявка T-000001 зарегистрирована');
    expect(texts(done)).toContain('Передал специалисту, когда вам удобно принять звонок: вечером, 17:00–21:00.');
    const [ticket] = await h.services.tickets.activeForSubscriber('sub-1');
    const { faultRequestOf } = await import('../../core/tickets/index.ts');
    const view = await h.services.tickets.view(ticket!.id);
    expect(faultRequestOf(view!.messages)).toEqual({
      description: 'Роутер мигает красным с утра',
      callback: { slot: 'evening' },
    });
  });

  it('Should take a callback time in the subscriber\'s own words, and say the limit of a description that is too long', async () => {
    const h = await harness({ language: 'kk' });
    await linked(h, [{}], 'kk');
    await toSymptom(h);
    await h.step(press('sym:slow', token(h)));
    await h.step(press('register', token(h)));
    const long = await h.step(text('ұзақ '.repeat(120)));
    expect(texts(long)).toContain('Сипаттама ұзын: 599 таңба, ал мен 500 таңбаға дейін сақтаймын.');
    expect(await h.store.tickets.countActive()).toBe(0);
    await h.step(press('skip', token(h)));
    const done = await h.step(text('18:00-ден кейін'));
    expect(texts(done)).toContain('T-000001 өтінімі тіркелді');
    expect(texts(done)).toContain('маманға жеткіздім: 18:00-ден кейін.');
    const [ticket] = await h.services.tickets.activeForSubscriber('sub-1');
    const { faultRequestOf } = await import('../../core/tickets/index.ts');
    expect(faultRequestOf((await h.services.tickets.view(ticket!.id))!.messages)).toEqual({
      description: null, callback: { words: '18:00-ден кейін' },
    });
  });

  it.each(['service', 'symptom', 'selfhelp', 'describe', 'callback'] as const)('Should offer Cancel at the %s step, and cancel to the menu with no ticket', async (stage) => {
    const h = await harness();
    await linked(h, [{ services: ['megaline', 'phone'] }]);
    await h.step({ kind: 'command', name: 'menu', args: '' });
    let r = await h.step(press('fault', token(h)));
    const path: [string, string][] = [['service', 'svc:megaline'], ['symptom', 'sym:no_internet'], ['selfhelp', 'register'], ['describe', 'skip'], ['callback', '']];
    for (const [at, next] of path) {
      if (at === stage) break;
      r = await h.step(press(next, token(h)));
    }
    expect(choiceIds(r)).toContain('cancel');
    const cancelled = await h.step(press('cancel', token(h)));
    expect(texts(cancelled)).toMatch(/^Хорошо, отменил\.\s+Главное меню\. Чем помочь\?/);
    // Said once: the menu that follows is the main menu (the walk found "Вы в главном меню. Главное меню.").
    expect(texts(cancelled)).not.toMatch(/главном меню/);
    expect(h.state?.dialog).toBe('menu');
    expect(await h.store.tickets.countActive()).toBe(0);
  });

  it('Should ask for the account again with its buttons after an answer it cannot use', async () => {
    const h = await harness();
    await linked(h, [{}, { address: 'Алматы, Абая 1' }]);
    await h.step({ kind: 'command', name: 'menu', args: '' });
    await h.step(press('fault', token(h)));
    for (const input of [text('ну не знаю'), { kind: 'unsupported', what: 'sticker' } as const]) {
      const r = await h.step(input);
      expect(texts(r)).toContain('По какому лицевому счёту неисправность?');
      expect(choiceIds(r).slice(0, 3)).toEqual(['acc:100000000000', 'acc:100000000001', 'cancel']);
    }
  });

  it('Should answer an old account button of the fault journey (acc:<index>, from before the one picker) as stale, and ask again', async () => {
    const h = await harness();
    await linked(h, [{}, { address: 'Алматы, Абая 1' }]);
    await h.step({ kind: 'command', name: 'menu', args: '' });
    await h.step(press('fault', token(h)));
    // The state saved before the change: the same menu on screen, its buttons carrying the old index ids.
    h.state = { ...h.state!, menu: { ...h.state!.menu!, choices: [{ id: 'acc:0', label: '100000000000 · Алматы' }, { id: 'acc:1', label: '100000000001 · Алматы' }] } };
    const r = await h.step(press('acc:1', token(h)));
    expect(texts(r)).toContain('Эта кнопка устарела');
    expect(choiceIds(r)).toEqual(['acc:100000000000', 'acc:100000000001', 'cancel']);
    expect(h.state?.dialog).toBe('fault');
    const picked = await h.step(press('acc:100000000001', token(h)));
    expect(texts(picked)).toContain('Интернет Megaline: что именно происходит?');
  });
});
