// Small test helpers shared by the suites: a stream that keeps what is written to it, and a free
// TCP port on 127.0.0.1.
import { Writable } from 'node:stream';

/** A writable stream that keeps everything written to it in `text`. */
export class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** A TCP port free on 127.0.0.1 at the time of asking (the bench's, one copy). */
export { freePortNumber as freePort } from '../../src/bench/ports.js';
