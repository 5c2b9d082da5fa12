import { z } from 'zod';
import { ValidationError, type FieldIssue } from './errors.js';
import { labelOf } from './fields.js';
import type { LocalizedText } from './i18n.js';

/** Marks a custom refinement's message as bilingual: zod carries it in `params.text`. */
export function bilingual(text: LocalizedText): { params: { text: LocalizedText } } {
  return { params: { text } };
}

function isLocalizedText(value: unknown): value is LocalizedText {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as LocalizedText).sv === 'string' &&
    typeof (value as LocalizedText).en === 'string'
  );
}

/**
 * The value at `path` in `input`. zod 4 leaves the input out of its issues (unless asked to, which
 * would copy personal data into the error), so "missing" and "wrong kind" are told apart here.
 */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A form sends an unanswered question as nothing, null or an empty string. */
function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): LocalizedText {
  switch (issue.code) {
    case 'invalid_type':
      if (isMissing(value)) {
        return { sv: 'Fältet måste fyllas i.', en: 'This field is required.' };
      }
      return {
        sv: `Fel sorts värde (väntade ${typeNames[issue.expected]?.sv ?? issue.expected}).`,
        en: `Wrong kind of value (expected ${typeNames[issue.expected]?.en ?? issue.expected}).`,
      };
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) {
        return { sv: 'Fältet måste fyllas i.', en: 'This field is required.' };
      }
      if (issue.origin === 'array') {
        return {
          sv: `Välj minst ${String(issue.minimum)}.`,
          en: `Choose at least ${String(issue.minimum)}.`,
        };
      }
      return {
        sv: `Värdet är för litet (minst ${String(issue.minimum)}).`,
        en: `The value is too small (at least ${String(issue.minimum)}).`,
      };
    case 'too_big':
      if (issue.origin === 'string') {
        return {
          sv: `Texten är för lång (högst ${String(issue.maximum)} tecken).`,
          en: `The text is too long (at most ${String(issue.maximum)} characters).`,
        };
      }
      if (issue.origin === 'array') {
        return {
          sv: `För många (högst ${String(issue.maximum)}).`,
          en: `Too many (at most ${String(issue.maximum)}).`,
        };
      }
      return {
        sv: `Värdet är för stort (högst ${String(issue.maximum)}).`,
        en: `The value is too large (at most ${String(issue.maximum)}).`,
      };
    case 'invalid_value':
      if (isMissing(value)) {
        return { sv: 'Fältet måste fyllas i.', en: 'This field is required.' };
      }
      return {
        sv: `Ogiltigt val. Tillåtna värden: ${issue.values.map(String).join(', ')}.`,
        en: `Invalid choice. Allowed values: ${issue.values.map(String).join(', ')}.`,
      };
    case 'invalid_format':
      // zod has dozens of formats; the forms use these two, the rest get a general message.
      if (issue.format === 'datetime') {
        return {
          sv: 'Ange datum och tid, t.ex. 2026-02-01T14:00:00+01:00.',
          en: 'Give a date and time, e.g. 2026-02-01T14:00:00+01:00.',
        };
      }
      if (issue.format === 'email') {
        return { sv: 'Ange en giltig e-postadress.', en: 'Give a valid e-mail address.' };
      }
      return { sv: 'Fel format.', en: 'Wrong format.' };
    case 'unrecognized_keys':
      return {
        sv: `Okända fält: ${issue.keys.join(', ')}.`,
        en: `Unknown fields: ${issue.keys.join(', ')}.`,
      };
    case 'custom': {
      const text: unknown = issue.params?.text;
      return isLocalizedText(text) ? text : { sv: 'Ogiltigt värde.', en: 'Invalid value.' };
    }
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'not_multiple_of':
      return { sv: 'Ogiltigt värde.', en: 'Invalid value.' };
  }
}

const typeNames: Record<string, LocalizedText | undefined> = {
  string: { sv: 'text', en: 'text' },
  number: { sv: 'ett tal', en: 'a number' },
  int: { sv: 'ett heltal', en: 'a whole number' },
  boolean: { sv: 'ja eller nej', en: 'yes or no' },
  array: { sv: 'en lista', en: 'a list' },
  object: { sv: 'ett objekt', en: 'an object' },
};

/**
 * Turns zod issues into field issues named by SPEC field id, with the field's label in each message.
 * Give the parsed `input` so a value of the wrong kind is not reported as a missing one.
 */
export function toFieldIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix = '',
  input?: unknown,
): FieldIssue[] {
  return issues.map((issue) => {
    // A prefix such as 'investigation.' names the object itself when the issue has no path.
    const joined = [prefix.replace(/\.$/, ''), ...issue.path.map(String)]
      .filter((part) => part !== '')
      .join('.');
    const field = joined === '' ? '(root)' : joined;
    const what = describeIssue(issue, issue.input ?? valueAt(input, issue.path));
    const label = labelOf(field.replace(/\.\d+(?=\.|$)/g, ''));
    return { field, message: { sv: `${label.sv}: ${what.sv}`, en: `${label.en}: ${what.en}` } };
  });
}

/** Parses `input` with `schema` or throws a ValidationError naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix = '',
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ValidationError(toFieldIssues(result.error.issues, prefix, input), {
      cause: result.error,
    });
  }
  return result.data;
}
