import { useI18n } from '../../i18n/I18nContext.js';

/**
 * The text shown in place of a protected case's title to those who see only its registry entry.
 * Repeats `PROTECTED_TITLE` of `src/core/service.ts`, which the tab cannot import (it pulls in
 * node:crypto); test/tabs/protectedMark.test.tsx checks the two are equal.
 */
export const PROTECTED_TITLE = 'Skyddade personuppgifter';

/** The mark's text in the user's language. */
export function useProtectedMark(): { text: string } {
  const { t } = useI18n();
  return { text: t.protectedMark };
}

/** A case's title to show: the server's placeholder for a hidden title is shown in the user's language. */
export function displayTitle(
  record: { title?: string; protectedIdentity: boolean },
  protectedText: string,
): string | undefined {
  if (record.protectedIdentity && record.title === PROTECTED_TITLE) return protectedText;
  return record.title;
}
