/**
 * Set-up of the tab's tests (jsdom): Testing Library's matchers on `expect` from @jest/globals,
 * and the browser APIs jsdom lacks that Fluent UI calls.
 */
import '@testing-library/jest-dom/jest-globals';
import { afterEach } from '@jest/globals';
import { cleanup, configure } from '@testing-library/react';

// A role query over a whole Fluent page can itself take most of a second on a busy 2-core CI
// machine; the default 1 s for findBy* then fails a correct page. This bounds a wait, it times
// nothing.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
  window.localStorage.clear();
  window.history.replaceState(null, '', '/tab/');
});
