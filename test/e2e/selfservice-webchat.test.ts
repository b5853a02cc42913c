/**
 * Self-service journeys end to end through the web chat's HTTP API (session cookie, server-sent events, same-origin
 * JSON posts), in Kazakh: balance, the exact payment and its receipt after the test gateway's signed callback,
 * a plan change signed with a fresh code, and the refusal paths — overdue account cannot change plan, closed account
 * cannot pay, a declined payment.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNTS, SUBSCRIBER_ID } from '../selfservice/fixtures.ts';
import { startSelfServiceProduct, type SelfServiceProduct } from '../selfservice/product.ts';
import { WebChatClient } from '../selfservice/webchat-client.ts';
import { pressTestPayment } from '../helpers/test-payment-page.ts';

let s: SelfServiceProduct;
let chat: WebChatClient;

beforeEach(async () => {
  s = await startSelfServiceProduct();
  chat = await new WebChatClient(s.product.url).open();
  await s.link('webchat', await chat.externalId(s.product.webchat.sessions), 'kk');
});
afterEach(async () => {
  chat?.close();
  await s?.stop();
});

async function open(item: RegExp, account: string): Promise<void> {
  await chat.say('/menu');
  await chat.waitForLast(/Басты мәзір/);
  await chat.press(item);
  await chat.waitForLast(/Қай дербес шот/);
  await chat.press(new RegExp(account));
}


describe('web chat, in Kazakh', () => {
  it('journey 3 → 4: balance, then paying debt + penalty to the tiyn; the receipt shows the cl. 20 allocation', async () => {
    await open(/Баланс/, ACCOUNTS.overdue);
    const balance = await chat.waitFor(/Дербес шот № 100000000002/);
    expect(balance.text).toContain('Шоттың жай-күйі:');
    expect(balance.text).toContain('Мерзімі өткен берешек: 6\u00a0680\u00a0₸');
    expect(balance.text).toContain('Өсімпұл: 801,60\u00a0₸');
    expect(balance.text).toContain('Барлығы төлеуге: 14\u00a0161,60\u00a0₸');
    expect(balance.text).toContain('Қазір не қолжетімсіз және неліктен:');

    await chat.press('💳 Төлеу');
    await chat.waitFor(/№ 100000000002 дербес шоты бойынша төлеуге: 14\u00a0161,60\u00a0₸/);
    await chat.press('14\u00a0161,60\u00a0₸ төлеу');
    const link = await chat.waitFor(/төлеу — төмендегі батырма арқылы/);
    expect(link.link?.url).toContain('/pay/test/');
    expect(link.text).not.toMatch(/https?:/);
    const page = await (await fetch(link.link!.url)).text();
    expect(page).toContain('ТЕСТІЛІК ТӨЛЕМ — АҚША ЕСЕПТЕН ШЫҒАРЫЛМАЙДЫ');
    await pressTestPayment(link.link!.url, 'confirm');
    const receipt = await chat.waitFor(/Төлем түсті/);
    expect(receipt.text).toContain('Сомасы: 14\u00a0161,60\u00a0₸');
    expect(receipt.text).toContain('Есепке алынды: өсімпұл 801,60\u00a0₸, мерзімі өткен берешек 6\u00a0680\u00a0₸, ағымдағы есептеулер 6\u00a0680\u00a0₸.');
    expect(receipt.text).toContain('Берешек қалған жоқ.');
    expect((await s.product.billing.getBalance(ACCOUNTS.overdue))?.totalDueTiyn).toBe(0);
  });

  it('journey 5: a plan change quoted, signed with the SMS code, and ordered', async () => {
    await open(/Тарифті ауыстыру/, ACCOUNTS.current);
    await chat.waitFor(/№ 100000000001 дербес шотына арналған Megaline тарифтері/);
    await chat.press(/Megaline Optima/);
    const quote = await chat.waitFor(/№ 100000000001 дербес шоты бойынша тарифті ауыстыру/);
    expect(quote.text).toContain('Жоғары жылдамдыққа өту — тегін.');
    expect(quote.text).toContain('Жаңа тарифтің күшіне енетін күні:');
    await chat.press(/SMS кодымен қол қою/);
    await chat.waitFor(/Өтінішке \(тарифті ауыстыру\) қол қою үшін .* нөміріне код жібердік/);
    await chat.say(await s.latestCode());
    await chat.waitFor(/Өтініш қабылданды\. № 100000000001 дербес шотының жаңа тарифі/);
    const [application] = await s.product.store.applications.listBySubscriber(SUBSCRIBER_ID);
    expect(application).toMatchObject({ kind: 'plan_change', channel: 'webchat', payload: { toPlanId: 'megaline-optima' } });
  });

  it('seed 001: an overdue account cannot change plan, a closed one cannot pay — both told why', async () => {
    await open(/Тарифті ауыстыру/, ACCOUNTS.overdue);
    const blocked = await chat.waitFor(/Тарифті қазір ауыстыру мүмкін емес/);
    expect(blocked.choices.map((c) => c.label)).toEqual(['14\u00a0161,60\u00a0₸ төлеу', 'Бөліп төлеуге өтініш беру', 'Басты мәзір']);
    await chat.press('Басты мәзір');
    await chat.waitForLast(/Басты мәзір/);
    await chat.press('💳 Төлеу');
    await chat.waitForLast(/Қай дербес шот/);
    await chat.press(new RegExp(ACCOUNTS.closed));
    const refused = await chat.waitFor(/Дербес шот жабық/);
    expect(refused.text).not.toContain('сілтеме');
    expect(await s.product.store.payments.listByAccount(`acc-${ACCOUNTS.closed}`, 5)).toHaveLength(0);
  });

  it('journey 4: a declined payment is said in the chat, with a way to try again', async () => {
    await open(/Төлеу/, ACCOUNTS.current);
    await chat.waitFor(/№ 100000000001 дербес шоты бойынша төлеуге/);
    await chat.press(/^6\u00a0680\u00a0₸ төлеу$/);
    const link = await chat.waitFor(/төлеу — төмендегі батырма арқылы/);
    await pressTestPayment(link.link!.url, 'decline');
    const declined = await chat.waitFor(/төлем өтпеді, ақша есептен шығарылған жоқ/);
    expect(declined.choices.map((c) => c.label)).toEqual(['💳 Қайта төлеу']);
  });
});
