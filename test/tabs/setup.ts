/**
 * Set-up of the tab's tests (jsdom): Testing Library's matchers on `expect` from @jest/globals,
 * and the browser APIs jsdom lacks that Fluent UI calls.
 */
import '@testing-library/jest-dom/jest-globals';
import { afterEach } from '@jest/globals';
import { cleanup } from '@testing-library/react';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
  window.localStorage.clear();
  window.history.replaceState(null, '', '/tab/');
});
