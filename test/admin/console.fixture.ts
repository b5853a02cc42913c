/**
 * @module A console wired to a fresh in-memory store, plus a tiny browser for `app.request()`: a cookie jar, the
 * CSRF token read from each page, and helpers to sign in as a user of any role.
 */
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { createConsole } from '../../admin/index.ts';
import type { ConsoleDeps, ConsoleEnv } from '../../admin/context.ts';
import { LedgerBilling } from '../../core/billing/ledger/ledger.ts';
import { wireCampaigns, wireReports, wireTickets } from '../../core/compose.ts';
import { loadDemoData } from '../../core/demo/demo-data.ts';
import type { EventBus } from '../../core/events.ts';
import { silentLogger } from '../../core/logging/logger.ts';
import type { Scheduler } from '../../core/scheduler/scheduler.ts';
import type { NewTicket, Ticket, Tickets } from '../../core/tickets/index.ts';
import { ManualClock } from '../../core/ports/clock.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import type { Store } from '../../core/store/store.ts';
import type { ConsoleUser, Role } from '../../core/users/model.ts';
import { hashPassword } from '../../core/users/password.ts';
import type { Campaigns } from '../../core/campaigns/index.ts';
import type { Reports } from '../../core/reports/index.ts';
import { testBase } from '../helpers/core-base.ts';

export const PASSWORD = 'correct horse battery';

export interface ConsoleFixture {
  app: Hono<ConsoleEnv>;
  store: Store;
  clock: ManualClock;
  deps: ConsoleDeps;
  tickets: Tickets;
  campaigns: Campaigns;
  reports: Reports;
  events: EventBus;
  scheduler: Scheduler;
  /** Registers a ticket the way the bot does (a Telegram fault by default). */
  ticket(over?: Partial<NewTicket>): Promise<Ticket>;
  /** Creates an active user with `PASSWORD` and these roles. */
  user(roles: Role[], email?: string): Promise<ConsoleUser>;
  browser(address?: string): Browser;
}

/**
 * A console over a fresh store. `env` overrides configuration; `demo` loads the demo subscribers and wires the
 * ledger billing, so the subscriber card shows real balances.
 */
export async function consoleFixture(
  overrides: Partial<ConsoleDeps> = {},
  env: Record<string, string> = {},
  options: { demo?: boolean } = {},
): Promise<ConsoleFixture> {
  const store = await openSqliteStore(':memory:');
  const clock = new ManualClock('2026-03-02T06:00:00Z');
  if (options.demo) await loadDemoData(store, clock);
  const base = testBase({ clock, store, env });
  const { config, events, scheduler } = base;
  const tickets = wireTickets(base);
  const campaigns = await wireCampaigns(base);
  const reports = await wireReports(base);
  const deps: ConsoleDeps = {
    store,
    clock,
    config,
    logger: silentLogger,
    tickets,
    campaigns,
    reports,
    events,
    ...(options.demo ? { billing: new LedgerBilling(store, clock) } : {}),
    telegramProbe: async () => ({ configured: false, connected: false }),
    ...overrides,
  };
  const app = createConsole(deps);
  const hash = await hashPassword(PASSWORD);
  return {
    app, store, clock, deps, tickets, campaigns, reports, events, scheduler,
    ticket: (over = {}) =>
      tickets.register({
        type: 'technical', channel: 'telegram', language: 'ru', chatKey: 'telegram:42', phone: '+77011234567',
        region: 'Алматы', service: 'megaline', symptom: 'no_internet', actor: { type: 'subscriber', id: null }, ...over,
      }),
    async user(roles, email) {
      const user: ConsoleUser = {
        id: randomUUID(), email: email ?? `${roles.join('-') || 'none'}-${randomUUID().slice(0, 6)}@example.kz`, name: `User ${roles.join(' ')}`,
        passwordHash: hash, roles, language: 'ru', active: true, failedLogins: 0, lockedUntil: null, createdAt: clock.now(),
      };
      await store.users.create(user);
      return user;
    },
    browser: (address?: string) => new Browser(app, address),
  };
}

/** Keeps cookies and the last CSRF token like a browser would; every request goes through `app.request()`. */
export class Browser {
  readonly cookies = new Map<string, string>();
  csrf = '';
  last: { status: number; html: string; location: string | null } = { status: 0, html: '', location: null };

  /** `address`: the client address the server sees (as a socket would report it); none by default. */
  constructor(private readonly app: Hono<ConsoleEnv>, address?: string) {
    this.env = address ? { incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: 'IPv4' } } } : undefined;
  }

  private readonly env: Record<string, unknown> | undefined;

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.app.request(path, { headers: { cookie: this.cookieHeader(), ...headers } }, this.env);
    this.remember(res);
    const html = res.headers.get('content-type')?.includes('text/html') ? await res.clone().text() : '';
    const token = /data-csrf="([^"]*)"/.exec(html)?.[1];
    if (token) this.csrf = token;
    this.last = { status: res.status, html, location: res.headers.get('location') };
    return res;
  }

  /** Posts a form with this browser's CSRF token unless `_csrf` is given (or set to '' to forge one without it). */
  async post(path: string, form: Record<string, string | string[]> = {}, headers: Record<string, string> = {}): Promise<Response> {
    const body = new URLSearchParams();
    if (!('_csrf' in form)) body.set('_csrf', this.csrf);
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) if (!(k === '_csrf' && one === '')) body.append(k, one);
    const res = await this.app.request(path, {
      method: 'POST',
      body,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
    }, this.env);
    this.remember(res);
    const html = res.headers.get('content-type')?.includes('text/html') ? await res.clone().text() : '';
    const token = /data-csrf="([^"]*)"/.exec(html)?.[1];
    if (token) this.csrf = token;
    this.last = { status: res.status, html, location: res.headers.get('location') };
    return res;
  }

  /** Opens the sign-in page and signs in; returns the final response of the form post. */
  async signIn(email: string, password = PASSWORD): Promise<Response> {
    await this.get('/admin/sign-in');
    const res = await this.post('/admin/sign-in', { email, password });
    if (res.status === 303) await this.get(res.headers.get('location')!);
    return res;
  }
}

/** The visible text of an HTML page (tags removed, entities decoded), for asserting what a person reads. */
export function visibleText(html: string): string {
  return html
    .replace(/<head>[\s\S]*?<\/head>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
