import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  type RegistrationNumberParts,
  formatRegistrationNumber,
  isValidClassification,
  isValidSeries,
  parseRegistrationNumber,
} from '../../src/core/registrationNumbers.js';
import { loadScenario } from '../fixtures/scenarios.js';

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ'.split('');
const seriesArb = fc
  .array(fc.constantFrom(...letters), { minLength: 1, maxLength: 10 })
  .map((chars) => chars.join(''));
const classificationArb = fc
  .array(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join('.'));
const partsArb: fc.Arbitrary<RegistrationNumberParts> = fc.record({
  series: seriesArb,
  year: fc.integer({ min: 1000, max: 9999 }),
  sequence: fc.integer({ min: 1, max: 99_999 }),
  classification: classificationArb,
});

const amn: RegistrationNumberParts = {
  series: 'AMN',
  year: 2020,
  sequence: 576,
  classification: '1.3',
};

describe('formatRegistrationNumber', () => {
  it('writes the SPEC §5 example', () => {
    expect(formatRegistrationNumber(amn)).toBe('AMN 2020-0576-1.3');
  });

  it('pads the sequence to four digits and lets larger ones grow', () => {
    expect(formatRegistrationNumber({ ...amn, sequence: 1 })).toBe('AMN 2020-0001-1.3');
    expect(formatRegistrationNumber({ ...amn, sequence: 42 })).toBe('AMN 2020-0042-1.3');
    expect(formatRegistrationNumber({ ...amn, sequence: 9999 })).toBe('AMN 2020-9999-1.3');
    expect(formatRegistrationNumber({ ...amn, sequence: 12345 })).toBe('AMN 2020-12345-1.3');
  });

  it('accepts Swedish letters in the series', () => {
    expect(formatRegistrationNumber({ ...amn, series: 'ÄLDÖ', classification: '3' })).toBe(
      'ÄLDÖ 2020-0576-3',
    );
  });

  it.each<[string, Partial<RegistrationNumberParts>]>([
    ['lowercase series', { series: 'amn' }],
    ['empty series', { series: '' }],
    ['series with a digit', { series: 'AM1' }],
    ['series of 11 letters', { series: 'ABCDEFGHIJK' }],
    ['bad classification', { classification: '1.x' }],
    ['classification ending in a dot', { classification: '1.' }],
    ['sequence 0', { sequence: 0 }],
    ['negative sequence', { sequence: -3 }],
    ['fractional sequence', { sequence: 1.5 }],
    ['year 99', { year: 99 }],
    ['year 10000', { year: 10_000 }],
    ['fractional year', { year: 2020.5 }],
  ])('refuses a %s with a RangeError', (_what, change) => {
    expect(() => formatRegistrationNumber({ ...amn, ...change })).toThrow(RangeError);
  });
});

describe('parseRegistrationNumber', () => {
  it('parses the SPEC §5 example', () => {
    expect(parseRegistrationNumber('AMN 2020-0576-1.3')).toEqual(amn);
  });

  it('ignores surrounding whitespace', () => {
    expect(parseRegistrationNumber('  AMN 2020-0576-1.3\n')).toEqual(amn);
  });

  it.each([
    'amn 2020-0576-1.3',
    'AMN 2020-576-1.3',
    'AMN 20-0576-1.3',
    'AMN 99-0576-1.3',
    'AMN 0099-0576-1.3',
    'AMN 2020-0576-1.x',
    'AMN 2020-0576-',
    'AMN 2020-0576',
    'AMN2020-0576-1.3',
    'AMN  2020-0576-1.3',
    'AMN 2020-0000-1.3',
    'AMN 2020-00576-1.3',
    'AMN 2020-0576-1.3 extra',
    'ABCDEFGHIJK 2020-0576-1.3',
    '',
  ])('returns null for %j', (text) => {
    expect(parseRegistrationNumber(text)).toBeNull();
  });

  it('round-trips every well-formed number (property)', () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        const text = formatRegistrationNumber(parts);
        expect(parseRegistrationNumber(text)).toEqual(parts);
      }),
    );
  });

  it('parses only what it would write again (property)', () => {
    const candidate = fc
      .tuple(
        seriesArb,
        fc.stringMatching(/^\d{4}$/),
        fc.stringMatching(/^\d{1,7}$/),
        classificationArb,
      )
      .map(
        ([series, year, sequence, classification]) =>
          `${series} ${year}-${sequence}-${classification}`,
      );
    fc.assert(
      fc.property(candidate, (text) => {
        const parts = parseRegistrationNumber(text);
        if (parts !== null) expect(formatRegistrationNumber(parts)).toBe(text);
      }),
    );
  });
});

describe('isValidSeries and isValidClassification', () => {
  it('accepts A–Ö series of 1–10 letters only', () => {
    expect(isValidSeries('AMN')).toBe(true);
    expect(isValidSeries('Ö')).toBe(true);
    expect(isValidSeries('ABCDEFGHIJ')).toBe(true);
    expect(isValidSeries('ABCDEFGHIJK')).toBe(false);
    expect(isValidSeries('Amn')).toBe(false);
    expect(isValidSeries('É')).toBe(false);
    expect(isValidSeries('')).toBe(false);
  });

  it('accepts dotted digit classifications only', () => {
    expect(isValidClassification('1')).toBe(true);
    expect(isValidClassification('1.3')).toBe(true);
    expect(isValidClassification('2.10.4')).toBe(true);
    expect(isValidClassification('1.')).toBe(false);
    expect(isValidClassification('.1')).toBe(false);
    expect(isValidClassification('1,3')).toBe(false);
    expect(isValidClassification('')).toBe(false);
  });
});

describe('the Lex Sarah scenario pattern', () => {
  const scenario = loadScenario('lex-sarah-denied-placement.json');
  const source = scenario.expect.registrationNumberPattern;

  it('matches formatted numbers with a sequence below 10000 (property)', () => {
    expect(typeof source).toBe('string');
    const pattern = new RegExp(String(source));
    const belowTenThousand = partsArb.filter((p) => p.sequence < 10_000);
    fc.assert(
      fc.property(belowTenThousand, (parts) => {
        expect(formatRegistrationNumber(parts)).toMatch(pattern);
      }),
    );
    expect(formatRegistrationNumber(amn)).toMatch(pattern);
    // Five-digit sequences are valid numbers but outside the scenario's four-digit pattern.
    expect(formatRegistrationNumber({ ...amn, sequence: 10_000 })).not.toMatch(pattern);
  });
});
