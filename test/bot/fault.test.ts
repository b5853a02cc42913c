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
    const done = await h.step(press('register', token(h)));
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

  it('cl. 33(5): an account disconnected for debt is offered payment instead of a ticket', async () => {
    const h = await harness();
    await linked(h, [{ status: 'disconnected' }]);
    await toSymptom(h);
    const r = await h.step(press('sym:no_internet', token(h)));
    expect(texts(r)).toContain('Услуги отключены за долг');
    expect(choiceIds(r)).toEqual(['pay', 'menu']);
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
    expect(choiceIds(r)).toEqual(['register', 'menu']);
    const anyway = await h.step(press('register', token(h)));
    expect(texts(anyway)).toContain('Заявка T-000001 зарегистрирована');
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
    expect(choiceIds(which)).toEqual(['acc:0', 'acc:1']);
    const service = await h.step(press('acc:1', token(h)));
    expect(choiceIds(service)).toEqual(['svc:megaline', 'svc:phone']);
    const symptom = await h.step(press('svc:phone', token(h)));
    expect(choiceIds(symptom)).toEqual(['sym:no_tone', 'sym:noise', 'sym:no_calls', 'menu']);
  });

  it('Should show the open ticket for the same service instead of opening a second one', async () => {
    const h = await harness();
    await linked(h, [{}]);
    await toSymptom(h);
    await h.step(press('sym:no_internet', token(h)));
    await h.step(press('register', token(h)));
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
    const done = await h.step(press('register', token(h)));
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
});
