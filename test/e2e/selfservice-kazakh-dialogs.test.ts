/**
 * Issue 14 item 3 through Telegram (our telegraf code against the local Bot API server), in Kazakh: Cancel reads
 * "Болдырмау" everywhere, "бас тарту" alone never starts the refusal of services, "қызметтерден бас тарту" does.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { ACCOUNTS } from '../selfservice/fixtures.ts';
import { startSelfServiceProduct, type SelfServiceProduct } from '../selfservice/product.ts';

const kk = translator('kk');
const CHAT = 7301;
let s: SelfServiceProduct;

beforeEach(async () => {
  s = await startSelfServiceProduct();
  await s.link('telegram', String(CHAT), 'kk');
});
afterEach(async () => s?.stop());

const buttons = (m: { reply_markup?: { inline_keyboard?: { text: string }[][] } }) => (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);

describe('Kazakh: cancel and refusal are different words (item 3)', () => {
  it('Should not start the refusal for "бас тарту" typed at the menu, and start it for "қызметтерден бас тарту"', async () => {
    await s.api.userSays(CHAT, '/menu');
    await s.api.waitForMessage(CHAT, /Басты мәзір/);
    const before = s.api.lastMessageId;
    await s.api.userSays(CHAT, 'Бас тарту');
    const answer = await s.api.waitForMessage(CHAT, /Басты мәзір/, { after: before });
    expect(s.api.messagesTo(CHAT).filter((m) => m.message_id > before).map((m) => m.text).join('\n')).not.toContain(kk('selfservice:account.pickForRefusal'));
    expect(answer).toBeDefined();

    const menu = s.api.lastMessageId;
    await s.api.userSays(CHAT, 'қызметтерден бас тарту');
    const picker = await s.api.waitForMessage(CHAT, new RegExp(kk('selfservice:account.pickForRefusal').slice(0, 20)), { after: menu });
    expect(buttons(picker)).toContain('Болдырмау');
    expect(buttons(picker)).not.toContain('Бас тарту');
    await s.api.userPresses(CHAT, new RegExp(ACCOUNTS.current), picker.message_id);
    const scope = await s.api.waitForMessage(CHAT, /неден бас тартасыз/, { after: picker.message_id - 1 });
    await s.api.waitFor(() => buttons(scope).length > 0, 'the scope buttons');
    expect(buttons(scope)).toContain('Болдырмау');
    expect(buttons(scope).filter((b) => /^бас тарту$/i.test(b))).toEqual([]);
    await s.api.userPresses(CHAT, 'Болдырмау', scope.message_id);
    await s.api.waitForMessage(CHAT, /Жарайды, тоқтаттым/, { after: scope.message_id - 1 });
  });
});
