/**
 * @module The dialog registry of the product: every dialog, slash command and main-menu item, one line each.
 * To add a journey: write bot/dialogs/<name>.ts exporting a `Dialog`, then register it here (replace its
 * `pending(...)` line). Nothing in bot/engine changes.
 */
import { DialogRegistry } from '../engine/registry.ts';
import { cancel, help } from './help.ts';
import { fault } from './fault.ts';
import { handoff } from './handoff.ts';
import { language } from './language.ts';
import { logout } from './logout.ts';
import { menuDialog } from './menu.ts';
import { start } from './start.ts';
import { tickets } from './tickets.ts';
import { verify } from './verify.ts';
import { balance } from './balance.ts';
import { instalment } from './instalment.ts';
import { notificationSettings } from './notifications.ts';
import { pay } from './pay.ts';
import { plan } from './plan.ts';
import { refusal } from './refusal.ts';
import { signsWithCode } from './signing.ts';
import { survey } from './survey.ts';

/**
 * What starts the refusal of services when typed at the menu: its own label or these phrases, never "бас тарту"
 * or "отказ" alone — in Kazakh "бас тарту" is also what people say for "cancel" (issue 14 item 3).
 */
const REFUSAL_PHRASES = [
  'қызметтерден бас тарту', 'қызметтен бас тарту', 'шартты бұзу', 'отказ от услуг', 'отказаться от услуг', 'отказ от услуги',
  'расторжение договора', 'расторгнуть договор',
];

/** Builds the registry with every dialog the bot has. */
export function buildRegistry(): DialogRegistry {
  const registry = new DialogRegistry();

  // === Dialogs (one line per journey)
  registry.dialog(menuDialog(registry));
  registry.dialog(start);
  registry.dialog(language);
  registry.dialog(help);
  registry.dialog(cancel);
  registry.dialog(logout);
  registry.dialog(verify);
  registry.dialog(balance);
  registry.dialog(pay);
  registry.dialog(signsWithCode(plan));
  registry.dialog(signsWithCode(instalment));
  registry.dialog(notificationSettings);
  registry.dialog(fault);
  registry.dialog(signsWithCode(refusal));
  registry.dialog(handoff);
  registry.dialog(tickets);
  registry.dialog(survey);

  // === Slash commands
  registry.command({ name: 'start', dialog: 'start', description: 'bot:commands.start' });
  registry.command({ name: 'menu', dialog: 'menu', description: 'bot:commands.menu' });
  registry.command({ name: 'language', dialog: 'language', description: 'bot:commands.language' });
  registry.command({ name: 'help', dialog: 'help', description: 'bot:commands.help' });
  registry.command({ name: 'cancel', dialog: 'cancel', description: 'bot:commands.cancel' });
  registry.command({ name: 'logout', dialog: 'logout', description: 'bot:commands.logout' });
  registry.command({ name: 'ticket', dialog: 'tickets', description: 'tickets:commands.ticket' });
  registry.command({ name: 'operator', dialog: 'handoff', description: 'tickets:commands.operator' });
  registry.command({ name: 'survey', dialog: 'survey', description: 'campaigns:survey.command' });
  registry.command({ name: 'stop', dialog: 'survey', args: { stop: true }, description: 'campaigns:survey.command_stop' });

  // === Main menu (order leaves gaps of 10)
  registry.menuItem({ id: 'verify', label: 'bot:menu.verify', dialog: 'verify', order: 10, visible: (ctx) => !ctx.linked, synonyms: ['вход', 'кіру', 'подтвердить'] });
  registry.menuItem({ id: 'balance', label: 'bot:menu.balance', dialog: 'balance', order: 20, synonyms: ['баланс', 'қарыз', 'долг'] });
  registry.menuItem({ id: 'pay', label: 'bot:menu.pay', dialog: 'pay', order: 30, synonyms: ['оплата', 'оплатить', 'төлеу', 'төлем'] });
  registry.menuItem({ id: 'plan', label: 'bot:menu.plan', dialog: 'plan', order: 40, synonyms: ['тариф', 'тарифный план', 'megaline'] });
  registry.menuItem({ id: 'fault', label: 'bot:menu.fault', dialog: 'fault', order: 50, synonyms: ['не работает', 'істемейді', 'авария', 'ақау', 'неисправность'] });
  registry.menuItem({ id: 'refusal', label: 'bot:menu.refusal', dialog: 'refusal', order: 60, synonyms: REFUSAL_PHRASES });
  registry.menuItem({ id: 'handoff', label: 'bot:menu.handoff', dialog: 'handoff', order: 70, synonyms: ['оператор', 'человек', 'адам', 'маман'] });
  registry.menuItem({ id: 'tickets', label: 'tickets:menu.tickets', dialog: 'tickets', order: 75, synonyms: ['заявка', 'обращение', 'өтінім', '/ticket'] });
  registry.menuItem({ id: 'notifications', label: 'selfservice:menu.notifications', dialog: 'notifications', order: 77, visible: (ctx) => ctx.linked, synonyms: ['уведомления', 'хабарламалар'] });
  registry.menuItem({ id: 'language', label: 'bot:menu.language', dialog: 'language', order: 80, synonyms: ['язык', 'тіл'] });
  // On a shared computer the subscriber must be able to unlink the number without knowing /logout.
  registry.menuItem({ id: 'logout', label: 'bot:menu.logout', dialog: 'logout', order: 90, visible: (ctx) => ctx.linked, synonyms: ['выйти', 'отвязать', 'отвязать номер', 'шығу', 'ажырату'] });

  return registry;
}
