import { openTestRegistry } from '../graph/registryHarness.js';
import { runCaseStoreContract } from './caseStore.contract.js';

runCaseStoreContract('SharePoint (Graph test server)', async () => {
  const { server, store } = await openTestRegistry();
  return {
    store,
    dispose: async () => {
      await store.close();
      await server.close();
    },
  };
});
