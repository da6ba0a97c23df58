// Console chat: prints digests as Markdown to a stream (stdout by default).
import { renderDigestMarkdown } from '../render/markdown/briefing.js';
import type { Chat, DigestPost } from './chat.js';

export function createConsoleChat(stream: NodeJS.WritableStream = process.stdout): Chat {
  return {
    name: 'console',
    async postDigest(post: DigestPost) {
      const body = post.digest.items.length ? renderDigestMarkdown(post.digest, post.timeZone) : '_No stories moved in this window._\n';
      stream.write(`\n# ${post.title}\n\n${body}\n`);
    },
    async close() {},
  };
}
