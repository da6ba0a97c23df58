// A briefing that a stand-in engine wrote says so on every surface: "written offline: ...".
import { describe, expect, it } from 'vitest';
import { briefingView } from '../../src/commands/view.js';
import type { Briefing } from '../../src/domain/types.js';
import { renderBriefingMarkdown } from '../../src/render/markdown/index.js';
import { renderDiscord } from '../../src/render/discord/index.js';
import { renderSlack } from '../../src/render/slack/index.js';
import { textsOf } from '../slack/block-kit-check.js';

const B: Briefing = {
  headline: 'Ferry crews walk out',
  lede: 'Crews struck on 6 June.',
  takeaways: [{ text: 'Crossings stopped.', sources: [1] }],
  whyItMatters: '',
  actors: [],
  sources: [{ n: 1, title: 'Ferry crews walk out', url: 'https://harbour.test/a' }],
  note: 'written offline: the model was unavailable',
};

describe('the fallback note', () => {
  it('is shown in Markdown, Discord and Slack, and absent when there is none', () => {
    expect(renderBriefingMarkdown(B)).toContain('_written offline: the model was unavailable_');
    const discord = JSON.stringify(renderDiscord(briefingView(B)));
    expect(discord).toContain('written offline: the model was unavailable');
    expect(renderSlack(briefingView(B)).flatMap(textsOf).join('\n')).toContain('written offline: the model was unavailable');
    const { note: _none, ...plain } = B;
    expect(renderBriefingMarkdown(plain)).not.toContain('written offline');
  });
});
