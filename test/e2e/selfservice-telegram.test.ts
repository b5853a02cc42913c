/**
 * Self-service journeys end to end through our real telegraf code and a local server that answers like the Telegram
 * Bot API, with the product as `npm start` runs it (test payment gateway, built-in ledger, SMS outbox): balance,
 * payment with the receipt after the signed callback, plan change signed with a fresh code, refusal of services,
 * notification settings — and the refusal paths: overdue account cannot change plan, closed account cannot pay,
 * wrong or expired signing code, payment declined, duplicate and forged callbacks.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNTS, FEBRUARY_PENALTY_TIYN, MONTHLY_TIYN, SUBSCRIBER_ID } from '../selfservice/fixtures.ts';
import { startSelfServiceProduct, type SelfServiceProduct } from '../selfservice/product.ts';
import { pressTestPayment } from '../helpers/test-payment-page.ts';

const CHAT = 7001;
let s: SelfServiceProduct;

beforeEach(async () => {
  s = await startSelfServiceProduct();
  await s.link('telegram', String(CHAT), 'ru');
});
afterEach(async () => s?.stop());

/** Opens a journey from the main menu and picks an account (waiting for each answer, so no press hits an old menu). */
async function open(item: RegExp, account: string): Promise<void> {
  const start = s.api.lastMessageId;
  await s.api.userSays(CHAT, '/menu');
  await s.api.waitForMessage(CHAT, /Главное меню/, { after: start });
  const menu = s.api.lastMessageId;
  await s.api.userPresses(CHAT, item, menu);
  const picker = await s.api.waitForMessage(CHAT, /лицевому счёту|лицевой счёт|лицевом счёте/, { after: menu - 1 });
  await s.api.waitFor(() => (picker.reply_markup?.inline_keyboard ?? []).flat().some((b) => b.text.includes(account)), 'the account picker');
  await s.api.userPresses(CHAT, new RegExp(account), picker.message_id);
}

/** The payment link travels only as the message's button (issue 14: no raw address in the text). */
const linkIn = (message: { text: string; reply_markup?: { inline_keyboard?: { url?: string }[][] } }): string => {
  expect(message.text).not.toMatch(/https?:/);
  return message.reply_markup?.inline_keyboard?.flat().find((b) => b.url?.includes('/pay/test/'))?.url ?? '';
};

describe('journey 3: balance', () => {
  it('cl. 17, cl. 33(6), seed 001: shows debts, penalty, due date, status in plain words, and what the status forbids and why', async () => {
    await open(/Баланс/, ACCOUNTS.overdue);
    const shown = await s.api.waitForMessage(CHAT, /Лицевой счёт № 100000000002/);
    expect(shown.text).toContain('Состояние счёта: есть просроченный долг');
    expect(shown.text).toContain('Тариф: Megaline Plus. Услуги: Интернет Megaline, Домашний телефон');
    expect(shown.text).toContain('Текущие начисления: 6\u00a0680\u00a0₸');
    expect(shown.text).toContain('Просроченный долг: 6\u00a0680\u00a0₸');
    expect(shown.text).toContain('Пеня: 801,60\u00a0₸');
    expect(shown.text).toContain('Итого к оплате: 14\u00a0161,60\u00a0₸');
    expect(shown.text).toContain('Срок оплаты истёк 25 марта 2026 г.');
    expect(shown.text).toMatch(/Смена тарифа, подключение новых услуг — На счёте просроченный долг/);
    // One reason, said once (issue 14 item 7: the balance screen repeated the same sentence for each operation).
    expect(shown.text.match(/На счёте просроченный долг/g)).toHaveLength(1);
    expect(shown.reply_markup?.inline_keyboard?.flat().map((b) => b.text)).toEqual(['💳 Оплатить', 'Другой лицевой счёт', 'Главное меню']);
  });
});

describe('journey 4: payment', () => {
  it('Should suggest debt + penalty to the tiyn, and after the signed callback send the receipt with the cl. 20 allocation', async () => {
    const due = (await s.product.billing.getBalance(ACCOUNTS.overdue))!.totalDueTiyn;
    expect(due).toBe(2 * MONTHLY_TIYN + FEBRUARY_PENALTY_TIYN);
    await open(/Оплатить/, ACCOUNTS.overdue);
    const offer = await s.api.waitForMessage(CHAT, /К оплате по лицевому счёту № 100000000002: 14\u00a0161,60\u00a0₸/);
    expect(offer.text).toContain('В эту сумму входит пеня 801,60\u00a0₸');
    await s.api.userPresses(CHAT, 'Оплатить 14\u00a0161,60\u00a0₸');
    const link = await s.api.waitForMessage(CHAT, /по кнопке ниже/);
    const url = linkIn(link);
    expect(link.reply_markup?.inline_keyboard?.flat().some((b) => b.url === url)).toBe(true);

    // The payer opens the TEST page and confirms; the test gateway posts its signed callback to /pay/result.
    expect(await (await fetch(url)).text()).toContain('ТЕСТОВЫЙ ПЛАТЁЖ — ДЕНЬГИ НЕ СПИСЫВАЮТСЯ');
    await pressTestPayment(url, 'confirm');
    const receipt = await s.api.waitForMessage(CHAT, /Оплата получена/);
    expect(receipt.text).toContain('Сумма: 14\u00a0161,60\u00a0₸');
    expect(receipt.text).toContain('Лицевой счёт: № 100000000002');
    expect(receipt.text).toContain('Время: 10 апреля 2026 г., 11:00');
    expect(receipt.text).toContain('Зачтено: пеня 801,60\u00a0₸, просроченный долг 6\u00a0680\u00a0₸, текущие начисления 6\u00a0680\u00a0₸.');
    expect(receipt.text).toContain('Баланс после оплаты: 0\u00a0₸');

    // The ledger shows the money allocated in the contract's order, to the tiyn.
    const after = await s.product.billing.getBalance(ACCOUNTS.overdue);
    expect(after).toMatchObject({ penaltyTiyn: 0, overdueDebtTiyn: 0, currentDebtTiyn: 0, totalDueTiyn: 0 });
    expect(after?.lastPayments.map((p) => p.amountTiyn)).toEqual([due]);

    // Confirm pressed again (the back button), the gateway's retry: nothing is paid twice, no second receipt.
    await pressTestPayment(url, 'confirm');
    await s.product.conversations.idle();
    expect(s.api.messagesTo(CHAT).filter((m) => /Оплата получена/.test(m.text))).toHaveLength(1);
    expect(await s.product.store.billing.listPayments(`acc-${ACCOUNTS.overdue}`)).toHaveLength(1);
  });

  it('cl. 31(13): paying a disconnected account in full says access is restored within 3 hours', async () => {
    await open(/Оплатить/, ACCOUNTS.disconnected);
    await s.api.waitForMessage(CHAT, /К оплате по лицевому счёту № 100000000003/);
    await s.api.userPresses(CHAT, /^Оплатить /);
    const url = linkIn(await s.api.waitForMessage(CHAT, /по кнопке ниже/));
    await pressTestPayment(url, 'confirm');
    const receipt = await s.api.waitForMessage(CHAT, /Оплата получена/);
    expect(receipt.text).toContain('Доступ к услугам восстановим не позднее 10 апреля 2026 г., 14:00 (в течение 3 часов)');
  });

  it('Should accept another amount typed within the limits, and refuse one outside them', async () => {
    await open(/Оплатить/, ACCOUNTS.current);
    await s.api.waitForMessage(CHAT, /К оплате по лицевому счёту № 100000000001/);
    await s.api.userPresses(CHAT, 'Другая сумма');
    await s.api.waitForMessage(CHAT, /Напишите сумму в тенге — от 100\u00a0₸ до 500\u00a0000\u00a0₸/);
    await s.api.userSays(CHAT, '50');
    await s.api.waitForMessage(CHAT, /Сумма должна быть от 100\u00a0₸ до 500\u00a0000\u00a0₸/);
    await s.api.userSays(CHAT, '2 500,50');
    const link = await s.api.waitForMessage(CHAT, /Оплата 2\u00a0500,50\u00a0₸ по лицевому счёту № 100000000001 — по кнопке ниже/);
    const [payment] = await s.product.store.payments.listByAccount(`acc-${ACCOUNTS.current}`, 1);
    expect(payment).toMatchObject({ amountTiyn: 250_050, currency: 'KZT', chatKey: `telegram:${CHAT}` });
    expect(linkIn(link)).toContain(payment!.id);
  });

  it('Should say so when the payment is declined, and keep the debt', async () => {
    await open(/Оплатить/, ACCOUNTS.current);
    await s.api.waitForMessage(CHAT, /К оплате/);
    await s.api.userPresses(CHAT, /^Оплатить /);
    const url = linkIn(await s.api.waitForMessage(CHAT, /по кнопке ниже/));
    await pressTestPayment(url, 'decline');
    const declined = await s.api.waitForMessage(CHAT, /не прошла, деньги не списаны/);
    expect(declined.text).toContain('Оплата 6\u00a0680\u00a0₸ по лицевому счёту № 100000000001');
    expect((await s.product.billing.getBalance(ACCOUNTS.current))?.totalDueTiyn).toBe(MONTHLY_TIYN);
  });

  it('Should reject a forged callback: no receipt, no money, an audit entry', async () => {
    await open(/Оплатить/, ACCOUNTS.current);
    await s.api.waitForMessage(CHAT, /К оплате/);
    await s.api.userPresses(CHAT, /^Оплатить /);
    const url = linkIn(await s.api.waitForMessage(CHAT, /по кнопке ниже/));
    const orderId = url.split('/').pop()!;
    const forged = new URLSearchParams({
      pg_order_id: orderId, pg_payment_id: 'TEST-1', pg_amount: '6680.00', pg_currency: 'KZT', pg_result: '1', pg_salt: 'abc',
      pg_sig: '0123456789abcdef0123456789abcdef',
    });
    const response = await fetch(`${s.product.url}/pay/result`, { method: 'POST', body: forged });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<pg_status>error</pg_status>');
    await s.product.conversations.idle();
    expect(s.api.messagesTo(CHAT).some((m) => /Оплата получена/.test(m.text))).toBe(false);
    expect((await s.product.billing.getBalance(ACCOUNTS.current))?.totalDueTiyn).toBe(MONTHLY_TIYN);
    expect((await s.product.store.audit.list({ action: 'payment.callback_rejected' }))[0]?.entityId).toBe(orderId);
  });

  it('seed 001 status 3: a closed account cannot pay — told why, no link', async () => {
    await open(/Оплатить/, ACCOUNTS.closed);
    await s.api.waitForMessage(CHAT, /Лицевой счёт закрыт, долга по нему нет — платить ничего не нужно/);
    expect(await s.product.store.payments.listByAccount(`acc-${ACCOUNTS.closed}`, 5)).toHaveLength(0);
  });
});

describe('journey 5: Megaline plan change', () => {
  it('cl. 9(5): lists the plans, quotes the change, and orders it once signed with a fresh code (a wrong code first)', async () => {
    await open(/Сменить тариф/, ACCOUNTS.current);
    const list = await s.api.waitForMessage(CHAT, /Тарифы Megaline для лицевого счёта № 100000000001/);
    expect(list.text).toContain('Megaline Plus: до 256 кбит/с, 1000 МБ входящего трафика, 6\u00a0240\u00a0₸ в месяц — ваш текущий тариф');
    await s.api.userPresses(CHAT, /Megaline Turbo/);
    const quote = await s.api.waitForMessage(CHAT, /Смена тарифа по лицевому счёту № 100000000001/);
    expect(quote.text).toContain('Новый: Megaline Turbo — до 512 кбит/с, 9\u00a0000\u00a0₸ в месяц');
    expect(quote.text).toContain('Переход на более высокую скорость — бесплатно.');
    expect(quote.text).toContain('Новый тариф начнёт действовать 1 мая 2026 г.');
    await s.api.userPresses(CHAT, /Подписать кодом из SMS/);
    await s.api.waitForMessage(CHAT, /мы отправили код на номер/);
    const code = await s.latestCode();
    const wrong = code === '000000' ? '111111' : '000000';
    await s.api.userSays(CHAT, wrong);
    await s.api.waitForMessage(CHAT, /Неверный код. Осталось попыток: 4/);
    await s.api.userSays(CHAT, code);
    await s.api.waitForMessage(CHAT, /Заявка принята. Новый тариф по лицевому счёту № 100000000001 начнёт действовать 1 мая 2026 г./);

    const [application] = await s.product.store.applications.listBySubscriber(SUBSCRIBER_ID);
    expect(application).toMatchObject({ kind: 'plan_change', chatKey: `telegram:${CHAT}`, payload: { accountNumber: ACCOUNTS.current, toPlanId: 'megaline-turbo' } });
    expect(application?.quote).toBe(quote.text.split('\n\n')[0]);
    const [order] = await s.product.store.billing.listPlanChanges(`acc-${ACCOUNTS.current}`);
    expect(order).toMatchObject({ toPlanId: 'megaline-turbo', effectiveDate: '2026-05-01', applicationId: application?.id });

    // On the effective date billing's night run applies it; at 10:00 Almaty the chat is told (journey 9).
    s.clock.set('2026-05-01T10:00:00+05:00');
    await s.product.scheduler.tick();
    const applied = await s.api.waitForMessage(CHAT, /Новый тариф по лицевому счёту № 100000000001 подключён: Megaline Turbo/);
    expect(applied.text).toContain('1 мая 2026 г.');
  });

  it('journey 9: a subscriber who muted non-essential messages is not told about the plan applied', async () => {
    await s.product.store.subscribers.setNotificationsMuted(SUBSCRIBER_ID, true);
    await open(/Сменить тариф/, ACCOUNTS.current);
    await s.api.waitForMessage(CHAT, /Тарифы Megaline/);
    await s.api.userPresses(CHAT, /Megaline Optima/);
    await s.api.waitForMessage(CHAT, /Смена тарифа по лицевому счёту/);
    await s.api.userPresses(CHAT, /Подписать кодом из SMS/);
    await s.api.waitForMessage(CHAT, /мы отправили код/);
    await s.api.userSays(CHAT, await s.latestCode());
    await s.api.waitForMessage(CHAT, /Заявка принята/);
    s.clock.set('2026-05-01T10:00:00+05:00');
    await s.product.scheduler.tick();
    await s.product.conversations.idle();
    expect((await s.product.billing.getBalance(ACCOUNTS.current))?.planId).toBe('megaline-optima');
    expect(s.api.messagesTo(CHAT).some((m) => /подключён/.test(m.text))).toBe(false);
  });

  it('Should refuse an expired signing code and order nothing', async () => {
    await open(/Сменить тариф/, ACCOUNTS.current);
    await s.api.waitForMessage(CHAT, /Тарифы Megaline/);
    await s.api.userPresses(CHAT, /Megaline Start/);
    const quote = await s.api.waitForMessage(CHAT, /Смена тарифа по лицевому счёту/);
    expect(quote.text).toContain('(10% стоимости подключения)');
    await s.api.userPresses(CHAT, /Подписать кодом из SMS/);
    await s.api.waitForMessage(CHAT, /мы отправили код/);
    const code = await s.latestCode();
    s.clock.advanceMinutes(6);
    await s.api.userSays(CHAT, code);
    await s.api.waitForMessage(CHAT, /Срок действия кода истёк/);
    expect(await s.product.store.billing.listPlanChanges(`acc-${ACCOUNTS.current}`)).toHaveLength(0);
    expect(await s.product.store.applications.listBySubscriber(SUBSCRIBER_ID)).toHaveLength(0);
  });

  it('seed 001 status 5: an overdue account cannot change plan — told why, offered to pay or to request an instalment', async () => {
    await open(/Сменить тариф/, ACCOUNTS.overdue);
    const blocked = await s.api.waitForMessage(CHAT, /Сменить тариф сейчас нельзя/);
    expect(blocked.text).toContain('На счёте просроченный долг');
    expect(blocked.reply_markup?.inline_keyboard?.flat().map((b) => b.text)).toEqual(['Оплатить 14\u00a0161,60\u00a0₸', 'Оформить рассрочку', 'Главное меню']);

    await s.api.userPresses(CHAT, 'Оформить рассрочку');
    const quote = await s.api.waitForMessage(CHAT, /Заявка на рассрочку по лицевому счёту № 100000000002/);
    expect(quote.text).toContain('Просроченный долг: 6\u00a0680\u00a0₸, пеня: 801,60\u00a0₸, всего к оплате: 14\u00a0161,60\u00a0₸');
    await s.api.userPresses(CHAT, /Подписать кодом из SMS/);
    await s.api.waitForMessage(CHAT, /мы отправили код/);
    await s.api.userSays(CHAT, await s.latestCode());
    const accepted = await s.api.waitForMessage(CHAT, /Заявка на рассрочку принята, номер обращения T-000001/);
    expect(accepted.text).toContain('Специалист свяжется с вами');
    const ticket = await s.product.tickets.getByNumber(1);
    expect(ticket).toMatchObject({ topic: 'instalment', subscriberId: SUBSCRIBER_ID, type: 'reference' });
  });
});

describe('words typed where a journey has nothing to take them (walking Telegram)', () => {
  it('seed 001 status 5: at "cannot change plan" an emoji is answered with the same ways out, and "балнс" opens the balance', async () => {
    await open(/Сменить тариф/, ACCOUNTS.overdue);
    await s.api.waitForMessage(CHAT, /Сменить тариф сейчас нельзя/);
    const before = s.api.lastMessageId;
    await s.api.userSays(CHAT, '👍');
    const again = await s.api.waitForMessage(CHAT, /Сменить тариф сейчас нельзя/, { after: before });
    expect(again.reply_markup?.inline_keyboard?.flat().map((b) => b.text)).toEqual(
      ['Оплатить 14\u00a0161,60\u00a0₸', 'Оформить рассрочку', 'Главное меню', '👤 Связаться со специалистом'],
    );
    const asked = s.api.lastMessageId;
    await s.api.userSays(CHAT, 'балнс');
    const balance = await s.api.waitForMessage(CHAT, /по какому лицевому счёту|Лицевой счёт №/i, { after: asked });
    expect(balance.text).not.toMatch(/Сменить тариф сейчас нельзя/);
  });
});

describe('journey 7: refusal of services', () => {
  it('App. 4: whole contract — consequences, reason, retention offer declined, signed with a fresh code; back-office ticket opened', async () => {
    await open(/Отказаться от услуг/, ACCOUNTS.current);
    await s.api.waitForMessage(CHAT, /От чего отказываетесь по лицевому счёту № 100000000001/);
    await s.api.userPresses(CHAT, /От всех услуг/);
    const consequences = await s.api.waitForMessage(CHAT, /Расторжение договора по лицевому счёту № 100000000001/);
    expect(consequences.text).toContain('Дата отключения: 10 апреля 2026 г.');
    expect(consequences.text).toMatch(/До расторжения нужно оплатить долг по дату отключения: [\d\u00a0,]+₸/);
    expect(consequences.text).toContain('Если в течение месяца после расторжения обнаружатся неучтённые начисления');
    await s.api.waitForMessage(CHAT, /Почему вы отказываетесь/);
    await s.api.userPresses(CHAT, 'Не устраивает тарифный план');
    const offer = await s.api.waitForMessage(CHAT, /Может быть, подойдёт тариф подешевле\? Megaline Hit — 5\u00a0980\u00a0₸ в месяц/);
    expect(offer.reply_markup?.inline_keyboard?.flat().map((b) => b.text)).toContain('Нет, продолжить отказ');
    await s.api.userPresses(CHAT, 'Нет, продолжить отказ');
    const summary = await s.api.waitForMessage(CHAT, /Причина отказа: Не устраивает тарифный план/);
    await s.api.userPresses(CHAT, /Подписать кодом из SMS/);
    await s.api.waitForMessage(CHAT, /Чтобы подписать заявку \(отказ от услуг\)/);
    await s.api.userSays(CHAT, await s.latestCode());
    await s.api.waitForMessage(CHAT, /Заявка на отказ от услуг подписана и принята. Номер обращения T-000001/);

    const [application] = await s.product.store.applications.listBySubscriber(SUBSCRIBER_ID);
    expect(application).toMatchObject({ kind: 'refusal', payload: { accountNumber: ACCOUNTS.current, reason: 'tariff_dissatisfaction', services: ['megaline', 'phone'] } });
    expect(application?.quote).toBe(summary.text.split('\n\n')[0]);
    const [order] = await s.product.store.billing.listRefusals(`acc-${ACCOUNTS.current}`);
    expect(order).toMatchObject({ applicationId: application?.id });
    expect(await s.product.tickets.getByNumber(1)).toMatchObject({ topic: 'refusal', type: 'reference', accountId: `acc-${ACCOUNTS.current}` });
  });

  it('cl. 32(10), cl. 21(2): equipment to hand back and a prepayment to refund — the choices go into the signed application', async () => {
    const accountId = `acc-${ACCOUNTS.current}`;
    await s.product.store.billing.addEquipment({ id: 'eq-1', accountId, type: 'ont', model: 'Huawei HG8245H', serial: 'HW123456', costTiyn: 2_500_000, returnedAt: null });
    await s.product.store.billing.addPayment({
      id: 'pay-seed', externalId: 'seed:advance', accountId, kind: 'payment', amountTiyn: 3_000_000, paidAt: s.clock.now(), registeredAt: s.clock.now(),
    });
    await open(/Отказаться от услуг/, ACCOUNTS.current);
    await s.api.waitForMessage(CHAT, /От чего отказываетесь/);
    await s.api.userPresses(CHAT, /От всех услуг/);
    const consequences = await s.api.waitForMessage(CHAT, /Расторжение договора/);
    expect(consequences.text).toContain('Оборудование оператора нужно вернуть не позднее 10 апреля 2026 г.');
    expect(consequences.text).toContain('Оптический терминал (ONT) Huawei HG8245H, серийный номер HW123456, стоимость 25\u00a0000\u00a0₸');
    expect(consequences.text).toMatch(/Остаток [\d\u00a0,]+₸ вернём на ваш банковский счёт до 24 апреля 2026 г\./);
    await s.api.waitForMessage(CHAT, /Как вернёте оборудование оператора/);
    await s.api.userPresses(CHAT, 'Пусть заберёт специалист');
    await s.api.waitForMessage(CHAT, /Куда вернуть остаток денег/);
    await s.api.userPresses(CHAT, 'На мой банковский счёт');
    await s.api.waitForMessage(CHAT, /Напишите номер банковского счёта \(IBAN\)/);
    await s.api.userSays(CHAT, 'KZ87 125K ZT50 0410 0100');
    await s.api.waitForMessage(CHAT, /не похож на казахстанский/);
    await s.api.userSays(CHAT, 'kz86 125k zt50 0410 0100');
    await s.api.waitForMessage(CHAT, /Почему вы отказываетесь/);
    await s.api.userPresses(CHAT, 'Переезд в другой город или страну');
    const summary = await s.api.waitForMessage(CHAT, /Причина отказа: Переезд в другой город или страну/);
    expect(summary.text).toContain('Возврат оборудования: Пусть заберёт специалист.');
    expect(summary.text).toContain('Остаток денег вернуть на счёт KZ86125KZT5004100100.');
    await s.api.userPresses(CHAT, /Подписать кодом из SMS/);
    await s.api.waitForMessage(CHAT, /Чтобы подписать заявку/);
    await s.api.userSays(CHAT, await s.latestCode());
    await s.api.waitForMessage(CHAT, /Заявка на отказ от услуг подписана и принята/);
    const [application] = await s.product.store.applications.listBySubscriber(SUBSCRIBER_ID);
    expect(application?.payload).toMatchObject({ equipmentReturn: 'courier', refundTo: { kind: 'bank', iban: 'KZ86125KZT5004100100' }, reason: 'moving_away' });
  });

  it('App. 4: one service only, with the reason in free words', async () => {
    await open(/Отказаться от услуг/, ACCOUNTS.current);
    await s.api.waitForMessage(CHAT, /От чего отказываетесь/);
    await s.api.userPresses(CHAT, /Только: Домашний телефон/);
    await s.api.waitForMessage(CHAT, /Отказ от услуг по лицевому счёту № 100000000001: Домашний телефон/);
    await s.api.userSays(CHAT, 'Пользуюсь только мобильным');
    const summary = await s.api.waitForMessage(CHAT, /Причина отказа: Пользуюсь только мобильным/);
    expect(summary.text).not.toContain('Расторжение договора');
    await s.api.userPresses(CHAT, 'Отмена');
    await s.api.waitForMessage(CHAT, /Хорошо, отменил/);
    expect(await s.product.store.applications.listBySubscriber(SUBSCRIBER_ID)).toHaveLength(0);
  });
});

describe('journey 9: notification settings', () => {
  it('Should mute non-essential messages and say receipts still arrive', async () => {
    await s.api.userSays(CHAT, '/menu');
    await s.api.waitForMessage(CHAT, /Главное меню/);
    await s.api.userPresses(CHAT, /Уведомления/);
    await s.api.waitForMessage(CHAT, /Сейчас я присылаю все уведомления/);
    await s.api.userPresses(CHAT, /Выключить необязательные/);
    await s.api.waitForMessage(CHAT, /необязательные уведомления выключены/);
    expect((await s.product.store.subscribers.get(SUBSCRIBER_ID))?.notificationsMuted).toBe(true);
  });
});
