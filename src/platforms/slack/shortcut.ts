// "Brief this link": a message shortcut that briefs the article(s) a message links to, each run as
// `brief <url>` through the registry (so through the safe fetcher, like every URL a user gives).
// At most MAX_SHORTCUT_LINKS links: one click must not make the bot fetch a hundred pages.
import { answerSlackCommand, type AnswerDeps, type SlackAnswer } from './answer.js';
import { slackMessagesOf } from '../../render/slack/index.js';

/** The shortcut's callback id, as in slack-app-manifest.yaml. */
export const BRIEF_LINK_CALLBACK = 'brief_this_link';
export const MAX_SHORTCUT_LINKS = 3;

export interface MessageShortcutPayload {
  team?: { id: string } | null;
  channel?: { id: string };
  user: { id: string };
  message: { text?: string; attachments?: Array<{ from_url?: string; original_url?: string }> };
}

/** The http(s) links of a Slack message, in order, without repeats: `<url|label>`, `<url>`, unfurls. */
export function messageLinks(message: MessageShortcutPayload['message']): string[] {
  const out: string[] = [];
  for (const m of (message.text ?? '').matchAll(/<(https?:\/\/[^|>\s]+)(?:\|[^>]*)?>/gi)) out.push(m[1]!.replace(/&amp;/g, '&'));
  for (const a of message.attachments ?? []) for (const u of [a.original_url, a.from_url]) if (u && /^https?:\/\//i.test(u)) out.push(u);
  return [...new Set(out)];
}

export async function briefLinkShortcut(deps: AnswerDeps, payload: MessageShortcutPayload): Promise<SlackAnswer> {
  const links = messageLinks(payload.message);
  if (!links.length) return { ephemeral: true, messages: slackMessagesOf(':warning: That message links to no web page to brief.') };
  const asker = { teamId: payload.team?.id ?? '', channelId: payload.channel?.id ?? '', userId: payload.user.id };
  const answers: SlackAnswer[] = [];
  for (const url of links.slice(0, MAX_SHORTCUT_LINKS)) answers.push(await answerSlackCommand(deps, asker, `brief "${url.replace(/["\\]/g, '\\$&')}"`));
  const messages = answers.flatMap((a) => a.messages);
  if (links.length > MAX_SHORTCUT_LINKS) messages.push(...slackMessagesOf(`_Briefed the first ${MAX_SHORTCUT_LINKS} of ${links.length} links._`));
  // In the channel when any link was briefed; the failures alone only to the asker.
  return { ephemeral: answers.every((a) => a.ephemeral), messages: messages.slice(0, 5) };
}
