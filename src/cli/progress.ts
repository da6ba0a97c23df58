// A one-line progress counter for long ingest runs, only on a terminal (never in pipes or CI logs).
import cliProgress from 'cli-progress';

export class ProgressLine {
  private readonly bar?: cliProgress.SingleBar;
  private counts = { added: 0, duplicate: 0, rejected: 0, notice: 0 };
  private total = 0;

  constructor(stream: NodeJS.WriteStream) {
    if (!stream.isTTY) return;
    this.bar = new cliProgress.SingleBar(
      {
        stream,
        format: 'ingesting {value} items | {added} added, {duplicate} duplicates, {rejected} rejected',
        hideCursor: true,
        clearOnComplete: true,
        fps: 10,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(0, 0, this.counts);
  }

  tick(status: keyof ProgressLine['counts']): void {
    this.counts[status]++;
    this.total++;
    this.bar?.setTotal(this.total);
    this.bar?.update(this.total, this.counts);
  }

  /** Erase the bar before a normal output line so the two do not interleave. */
  clear(): void {
    if (this.bar) (this.bar as unknown as { stream: NodeJS.WriteStream }).stream?.write?.('\r\x1b[K');
  }

  done(): void {
    this.bar?.stop();
  }
}
