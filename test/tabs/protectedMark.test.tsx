import { describe, expect, it } from '@jest/globals';
import { screen } from '@testing-library/react';
import { PROTECTED_TITLE as coreProtectedTitle } from '../../src/core/service.js';
import { ProtectedMark } from '../../src/tabs/components/ProtectedMark/ProtectedMark.js';
import {
  displayTitle,
  PROTECTED_TITLE,
} from '../../src/tabs/components/ProtectedMark/useProtectedMark.js';
import { FakeCaseApi, pageOf } from './fixtures.js';
import { renderInTab } from './harness.js';

const api = new FakeCaseApi(() => Promise.resolve(pageOf([])));

describe('ProtectedMark', () => {
  it("uses the server's placeholder title (the tab keeps a copy, since the core's module is server-only)", () => {
    expect(PROTECTED_TITLE).toBe(coreProtectedTitle);
  });

  it('shows an icon and the words, never the icon alone', () => {
    const { container } = renderInTab(<ProtectedMark />, { api });
    expect(screen.getByText('Skyddade personuppgifter')).toBeVisible();
    expect(container.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
  });

  it("shows the placeholder title in the reader's language, and real titles as they are", () => {
    expect(
      displayTitle({ title: PROTECTED_TITLE, protectedIdentity: true }, 'Protected personal data'),
    ).toBe('Protected personal data');
    expect(
      displayTitle(
        { title: 'Lex Sarah-rapport', protectedIdentity: true },
        'Protected personal data',
      ),
    ).toBe('Lex Sarah-rapport');
    expect(displayTitle({ title: PROTECTED_TITLE, protectedIdentity: false }, 'x')).toBe(
      PROTECTED_TITLE,
    );
  });
});
