// Port: where briefings are posted. Console (no token) now; Discord and Slack adapters later
// render the same view models for their platforms.
import type { DigestView } from '../commands/view.js';

export interface DigestPost {
  /** Channel key; the console has one, "console". */
  channel: string;
  title: string;
  /** The view model every chat renders its own way. */
  digest: DigestView;
  /** IANA time zone the digest's dates are shown in (the channel's); UTC when absent. */
  timeZone?: string;
}

export interface Chat {
  readonly name: string;
  postDigest(post: DigestPost): Promise<void>;
  close(): Promise<void>;
}
