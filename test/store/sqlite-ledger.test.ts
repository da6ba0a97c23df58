// The DeliveryLedger contract on a real SQLite file, migrated by the Store's init.
import { sqlitePort } from '../support/sqlite-file.js';
import { createSqliteDeliveryLedger } from '../../src/store/sqlite-delivery-ledger.js';
import { describeLedgerContract } from './ledger-contract.js';

describeLedgerContract('sqlite', async () => {
  const h = await sqlitePort('ledger', createSqliteDeliveryLedger);
  return { ledger: h.port, second: h.second, cleanup: h.cleanup };
});
