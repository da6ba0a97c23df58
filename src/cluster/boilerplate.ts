// Non-article pages: what a crawler sometimes returns instead of the story (a social widget's
// "add your location" notice, a web archive's note about its crawls, a "share this page" form).
// Such text is short and speaks about the page itself: the web, links, accounts, archiving, the
// reader ("you", "your"). Left in, these notices would form stories of their own or pull
// unrelated articles together, since every copy of a notice looks alike.
import { words } from '../analyze/text.js';

/** Words about the page, the site or the reader rather than about an event. */
const PAGE_WORDS = new Set(
  (
    'tweet tweets retweet website websites webpage webpages web page pages url urls link links click tap copy ' +
    'copying code embed email e-mail sign subscribe newsletter share location browser browsers cookie cookies ' +
    'javascript archive archives archived crawl crawls crawled crawler wayback login log account accounts ' +
    'settings privacy policy app apps download enable disable player ad ads comment comments button menu close ' +
    'notification notifications domain domains site sites collection collections capture captures seed index ' +
    'indexed homepage www http https html internet you your yours'
  ).split(/\s+/),
);

/** Pages shorter than this (words) may be page furniture; longer ones are taken as articles. */
export const BOILERPLATE_MAX_WORDS = 200;
/** Share of page words at or above which a short text is page furniture (news prose: under 5%). */
export const BOILERPLATE_MIN_SHARE = 0.12;

/** Why a text is not an article (page boilerplate), or undefined when it reads as one. */
export function boilerplateReason(text: string): string | undefined {
  return boilerplateReasonOfWords(words(text));
}

/** boilerplateReason of a text already tokenised with words(). */
export function boilerplateReasonOfWords(ws: readonly string[]): string | undefined {
  if (ws.length === 0 || ws.length >= BOILERPLATE_MAX_WORDS) return undefined;
  let page = 0;
  for (const w of ws) if (PAGE_WORDS.has(w)) page++;
  if (page / ws.length >= BOILERPLATE_MIN_SHARE) return 'no article text: page boilerplate (site, sharing or archive notice)';
  return undefined;
}
