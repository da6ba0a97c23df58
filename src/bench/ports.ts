// A free TCP port on 127.0.0.1 for a server the bench starts in another process.
import { createServer } from 'node:net';

export function freePortNumber(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
