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

// Batching is an optimisation: the same behaviour one request at a time.
runCaseStoreContract('SharePoint (Graph test server, no $batch)', async () => {
  const { server, store } = await openTestRegistry({}, { batching: false });
  return {
    store,
    dispose: async () => {
      await store.close();
      await server.close();
    },
  };
});
