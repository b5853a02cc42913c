/**
 * @module The dialog registry: which dialogs exist, which slash commands open them, and which items the main menu
 * lists. `bot/dialogs/index.ts` fills it, one line per journey, so adding a journey never edits the engine.
 */
import type { Dialog, DialogContext } from './dialog.ts';
import type { Choice } from './types.ts';

/** A main-menu entry. `label` is an i18n key; `order` sorts the menu (gaps of 10 leave room). */
export interface MenuItem {
  id: string;
  label: string;
  dialog: string;
  args?: unknown;
  order: number;
  /** Typed words that pick this item (lower-case, both languages), besides its number and label. */
  synonyms?: string[];
  /** Shown only when this says so (e.g. "verify" only while the chat is not linked). Default: always. */
  visible?: (ctx: DialogContext) => boolean;
}

/** A slash command: `/ticket` → dialog `tickets`. `name` without the slash. */
export interface Command {
  name: string;
  dialog: string;
  args?: unknown;
  /** i18n key of the short description shown in the channel's command list (Telegram setMyCommands). */
  description?: string;
}

export class DialogRegistry {
  private readonly dialogs = new Map<string, Dialog<never>>();
  private readonly commands = new Map<string, Command>();
  private readonly items: MenuItem[] = [];

  /** Adds (or replaces, by id) a dialog. */
  dialog<D>(dialog: Dialog<D>): this {
    this.dialogs.set(dialog.id, dialog as unknown as Dialog<never>);
    return this;
  }

  /** Adds (or replaces, by name) a slash command. */
  command(command: Command): this {
    this.commands.set(command.name, command);
    return this;
  }

  /** Adds (or replaces, by id) a main-menu item. */
  menuItem(item: MenuItem): this {
    const at = this.items.findIndex((i) => i.id === item.id);
    if (at >= 0) this.items.splice(at, 1);
    this.items.push(item);
    this.items.sort((a, b) => a.order - b.order);
    return this;
  }

  getDialog(id: string): Dialog<unknown> | undefined {
    return this.dialogs.get(id) as Dialog<unknown> | undefined;
  }

  getCommand(name: string): Command | undefined {
    return this.commands.get(name);
  }

  listCommands(): Command[] {
    return [...this.commands.values()];
  }

  menuItems(): readonly MenuItem[] {
    return this.items;
  }

  /** The main-menu items this chat sees, as choices in its language (labels translated, synonyms kept). */
  menuChoices(ctx: DialogContext): Choice[] {
    return this.items.filter((item) => item.visible?.(ctx) ?? true).map((item) => ({
      id: item.id,
      label: ctx.t(item.label),
      ...(item.synonyms ? { synonyms: item.synonyms } : {}),
    }));
  }

  getMenuItem(id: string): MenuItem | undefined {
    return this.items.find((i) => i.id === id);
  }
}
