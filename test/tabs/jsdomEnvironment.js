import { TestEnvironment } from 'jest-environment-jsdom';

/**
 * jsdom as the tab's tests need it: jsdom has no fetch API or TextEncoder, which every browser the tab runs in
 * has, so Node's own (the same WHATWG classes) is lent to the test window.
 */
export default class JsdomWithFetch extends TestEnvironment {
  /** @param {ConstructorParameters<typeof TestEnvironment>} args */
  constructor(...args) {
    super(...args);
    for (const name of [
      'fetch',
      'Request',
      'Response',
      'Headers',
      'FormData',
      'Blob',
      'TextEncoder',
      'TextDecoder',
    ]) {
      if (this.global[name] === undefined) this.global[name] = globalThis[name];
    }
  }
}
