import type { Locale } from '../../core/i18n.js';
import { ApiError } from '../api/client.js';
import type { Strings } from './strings.js';

/**
 * What to tell the user about a failed call: the server's own message in their language when it
 * sent one (it names the problem best), otherwise the tab's words for the kind of failure.
 */
export function errorText(error: unknown, locale: Locale, t: Strings): string {
  if (error instanceof ApiError) {
    if (error.text !== undefined) return error.text[locale];
    if (error.reason === 'network') return t.errors.network;
  }
  return t.errors.unexpected;
}
