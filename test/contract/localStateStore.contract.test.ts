import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openLocalStore } from '../../src/store/local/localStore.js';
import { runStateStoreContract } from './stateStore.contract.js';

runStateStoreContract('local (SQLite)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'avvikelse-state-contract-'));
  const store = openLocalStore(dir);
  return Promise.resolve({
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
});
