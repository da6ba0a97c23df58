// Packs an answer's lines into Discord messages within every limit: a titled embed whose
// description takes the body lines, fields for the sources; what overflows an embed continues in
// the next, what overflows a message (10 embeds, 6000 characters) continues in the next message.
// A line longer than a description or a field is cut at a sentence with a pointer first.
import { cutText } from './escape.js';
import { LIMITS } from './limits.js';

export interface DiscordEmbed {
  title?: string;
  description?: string;
  color?: number;
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  footer?: { text: string };
}

/** A message in the API's shape (what the REST body carries). */
export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  allowed_mentions: { parse: [] };
  /** 64: only the asker sees it (errors, refusals). */
  flags?: number;
}

export const NO_MENTIONS = (): { parse: [] } => ({ parse: [] });

/** Characters an embed counts towards the 6000 of its message. */
export function embedSize(e: DiscordEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

const LINE_POINTER = '… _(cut)_';
/** The most messages one answer takes; past it a last line says what was left out. */
export const MAX_MESSAGES = 10;

export class EmbedPacker {
  readonly messages: DiscordEmbed[][] = [[]];
  private dropped = 0;

  constructor(private readonly color?: number) {}

  private get message(): DiscordEmbed[] {
    return this.messages.at(-1)!;
  }
  private get embed(): DiscordEmbed | undefined {
    return this.message.at(-1);
  }
  private total(): number {
    return this.message.reduce((n, e) => n + embedSize(e), 0);
  }

  /** Room for `chars` more in the current message, with a fresh embed when `newEmbed`. */
  private fits(chars: number, newEmbed: boolean): boolean {
    if (newEmbed && this.message.length >= LIMITS.embedsPerMessage) return false;
    return this.total() + chars <= LIMITS.embedTotal;
  }

  private newEmbed(e: DiscordEmbed): boolean {
    if (!this.fits(embedSize(e), true)) {
      if (this.messages.length >= MAX_MESSAGES) return false;
      this.messages.push([]);
    }
    this.message.push({ ...(this.color !== undefined ? { color: this.color } : {}), ...e });
    return true;
  }

  /** Starts an embed with a title (cut to 256 at a word). */
  section(title: string): void {
    if (!this.newEmbed({ title: cutText(title, LIMITS.title, '…') })) this.dropped++;
  }

  /** One line of the current embed's description (a new, untitled embed when it is full). */
  line(text: string): void {
    const t = cutText(text, LIMITS.description, LINE_POINTER);
    const e = this.embed;
    if (e && !e.fields?.length) {
      const next = e.description === undefined ? t : `${e.description}\n${t}`;
      const grow = next.length - (e.description?.length ?? 0);
      if (next.length <= LIMITS.description && this.fits(grow, false)) {
        e.description = next;
        return;
      }
    }
    if (!this.newEmbed({ description: t })) this.dropped++;
  }

  /** One line of the field `name` (continued in a new field, embed or message when full). */
  field(name: string, text: string): void {
    const t = cutText(text, LIMITS.fieldValue, LINE_POINTER);
    const e = this.embed;
    const f = e?.fields?.at(-1);
    if (e && f && (f.name === name || f.name === `${name} (cont.)`)) {
      const next = `${f.value}\n${t}`;
      if (next.length <= LIMITS.fieldValue && this.fits(t.length + 1, false)) {
        f.value = next;
        return;
      }
    }
    const fieldName = f && (f.name === name || f.name === `${name} (cont.)`) ? `${name} (cont.)` : name;
    const field = { name: cutText(fieldName, LIMITS.fieldName), value: t };
    if (e && (e.fields?.length ?? 0) < LIMITS.fields && this.fits(field.name.length + t.length, false)) {
      (e.fields ??= []).push(field);
      return;
    }
    if (!this.newEmbed({ fields: [field] })) this.dropped++;
  }

  /** The messages, each with `allowed_mentions: {parse: []}`; a pointer when something was left out. */
  done(): DiscordMessage[] {
    const out: DiscordMessage[] = this.messages.filter((m) => m.length).map((embeds) => ({ embeds, allowed_mentions: NO_MENTIONS() }));
    if (this.dropped) {
      const last = out.at(-1);
      if (last) last.content = `_${this.dropped} more part${this.dropped === 1 ? '' : 's'} left out: ask for less (a narrower topic or window)._`;
    }
    return out.length ? out : [{ content: '_Nothing to show._', embeds: [], allowed_mentions: NO_MENTIONS() }];
  }
}
