// Every user command: those that read (or, for `alias`, teach) the archive, a channel's own
// (sources, subscriptions, settings), and help. `ingest` and `summarize`
// stay CLI-only: they read local paths and standard input, which a chat user must never reach.
import { actor } from './actor.js';
import { alias } from './alias.js';
import { brief } from './brief.js';
import type { CommandDef } from './command.js';
import { digest } from './digest.js';
import { makeHelp } from './help.js';
import { settings } from './settings.js';
import { sources } from './sources.js';
import { subscribe, unsubscribe } from './subscribe.js';
import { actors, phases } from './names.js';
import { phase } from './phase.js';
import { stories } from './stories.js';
import { timeline } from './timeline.js';

// Each command keeps its own argument types; the registry sees them through the common shape.
// `sources`, `subscribe`, `unsubscribe` and `settings` belong to a channel and are admin (ADR 015).
const help = makeHelp(() => commands);
export const commands: readonly CommandDef[] = [stories, brief, digest, actor, phase, timeline, actors, phases, alias, sources, subscribe, unsubscribe, settings, help] as unknown as readonly CommandDef[];

export function findCommand(name: string): CommandDef | undefined {
  return commands.find((c) => c.name === name);
}

export { brief, stories, digest, actor, phase, timeline, actors, phases, alias, sources, subscribe, unsubscribe, settings, help };
