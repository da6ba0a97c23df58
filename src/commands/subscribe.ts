// `subscribe <topic|actor|all>` and `unsubscribe <...>`: admin; what a channel's digest follows.
// `subscribe all` (everything), `subscribe actor <name>`, `subscribe topic <words>`, or plain
// `subscribe <words>` (a topic). Each answers with the channel's subscriptions as they now are.
import { z } from 'zod';
import type { Services } from '../app/commands.js';
import { MAX_SUBSCRIPTIONS_PER_CHANNEL, subscriptionValue, type SubscriptionKind } from '../domain/channels.js';
import { UserError } from '../domain/errors.js';
import { actorNames } from '../queries/index.js';
import { arg } from './args.js';
import { actorOf, channelOf } from './channel-place.js';
import { defineCommand } from './command.js';

/** `all`, `actor X`, `topic X`, or words (a topic). */
export function parseSubscription(words: string): { kind: SubscriptionKind; value: string } {
  const w = words.replace(/\s+/g, ' ').trim();
  const [first = '', ...rest] = w.split(' ');
  const head = first.toLowerCase();
  if (head === 'all' && rest.length === 0) return { kind: 'all', value: '' };
  if (head === 'actor' || head === 'topic') return { kind: head, value: subscriptionValue(head, rest.join(' ')) };
  return { kind: 'topic', value: subscriptionValue('topic', w) };
}

export const describeSubscription = (s: { kind: SubscriptionKind; value: string }): string => (s.kind === 'all' ? 'all stories' : `${s.kind} ${s.value}`);

const what = () => arg.words('all, actor <name>, topic <words>, or words (a topic)', { label: 'topic|actor|all' });

/** Actor names for `actor ...` as it is typed. */
async function complete(svc: Services, prefix: string): Promise<string[]> {
  const m = /^\s*actor\s+(.*)$/i.exec(prefix);
  if (!m) return ['all', 'actor ', 'topic '].filter((c) => c.startsWith(prefix.trim().toLowerCase()));
  return (await actorNames(svc.search, m[1]!)).slice(0, 25).map((n) => `actor ${n}`.slice(0, 100));
}

export const subscribe = defineCommand({
  name: 'subscribe',
  description: "Admin: the channel's digest follows a topic, an actor, or all stories",
  admin: true,
  args: z.object({ what: what() }),
  positional: ['what'],
  async run(svc, a, ctx) {
    const channel = channelOf(ctx, 'subscribe');
    const sub = parseSubscription(a.what);
    const added = await svc.channels.subscribe(channel, sub.kind, sub.value, actorOf(ctx), svc.now().toISOString());
    const subscriptions = await svc.channels.listSubscriptions(channel);
    return { kind: 'subscriptions', message: `${added ? 'subscribed to' : 'already subscribed to'} ${describeSubscription(sub)}`, subscriptions, max: MAX_SUBSCRIPTIONS_PER_CHANNEL };
  },
  autocomplete: (svc, _field, prefix) => complete(svc, prefix),
});

export const unsubscribe = defineCommand({
  name: 'unsubscribe',
  description: "Admin: the channel's digest stops following a topic, an actor, or all stories",
  admin: true,
  args: z.object({ what: what() }),
  positional: ['what'],
  async run(svc, a, ctx) {
    const channel = channelOf(ctx, 'unsubscribe');
    const sub = parseSubscription(a.what);
    const removed = await svc.channels.unsubscribe(channel, sub.kind, sub.value);
    if (!removed) throw new UserError('not_found', `this channel is not subscribed to ${describeSubscription(sub)}`);
    const subscriptions = await svc.channels.listSubscriptions(channel);
    return { kind: 'subscriptions', message: `unsubscribed from ${describeSubscription(sub)}`, subscriptions, max: MAX_SUBSCRIPTIONS_PER_CHANNEL };
  },
  autocomplete: (svc, _field, prefix) => complete(svc, prefix),
});
