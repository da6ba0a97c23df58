// The DeliveryLedger contract on a real SQLite file, migrated by the Store's init.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { createSqliteDeliveryLedger } from '../../src/store/sqlite-delivery-ledger.js';
import { describeLedgerContract } from './ledger-contract.js';

describeLedgerContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-ledger-'));
  const path = join(dir, 'ledger.db');
  const store = createSqliteStore(path);
  await store.init();
  const ledger = createSqliteDeliveryLedger(path);
  return {
    ledger,
    second: async () => createSqliteDeliveryLedger(path),
    async cleanup() {
      await ledger.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
