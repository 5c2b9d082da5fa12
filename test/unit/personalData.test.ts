import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  countPersonalData,
  findPersonalData,
  isValidPersonalIdentityNumber,
  luhnCheckDigit,
  maskPersonalData,
  type PersonalDataFinding,
  type PersonalDataKind,
} from '../../src/core/personalData.js';

// ---------------------------------------------------------------------------------------------
// Helpers written independently of the module under test, so the properties check it against a
// second implementation rather than against itself.

function referenceLuhn(nineDigits: string): number {
  let sum = 0;
  nineDigits.split('').forEach((char, index) => {
    let value = Number(char);
    if (index % 2 === 0) {
      value *= 2;
      if (value > 9) value = Math.floor(value / 10) + (value % 10);
    }
    sum += value;
  });
  return (10 - (sum % 10)) % 10;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function monthLength(year: number, month: number): number {
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return lengths[month - 1]!;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Kinds, offsets, nothing else: what a test expects a finding to look like. */
function finding(
  kind: PersonalDataKind,
  text: string,
  value: string,
  from = 0,
): PersonalDataFinding {
  const start = text.indexOf(value, from);
  if (start < 0) throw new Error(`test setup: "${value}" is not in "${text}"`);
  return { kind, start, end: start + value.length };
}

const identityKinds = (findings: PersonalDataFinding[]): PersonalDataFinding[] =>
  findings.filter(
    (item) => item.kind === 'personalIdentityNumber' || item.kind === 'coordinationNumber',
  );

// ---------------------------------------------------------------------------------------------
// Generators

type IdentityFormat = '12' | '12-' | '10' | '10-' | '10+';

interface GeneratedIdentity {
  value: string;
  kind: 'personalIdentityNumber' | 'coordinationNumber';
  year: number;
}

const birthDate = fc.oneof(
  fc
    .record({
      year: fc.integer({ min: 1800, max: 2099 }),
      month: fc.integer({ min: 1, max: 12 }),
    })
    .chain(({ year, month }) =>
      fc.integer({ min: 1, max: monthLength(year, month) }).map((day) => ({ year, month, day })),
    ),
  // Leap days get their own branch so every run meets several of them.
  fc
    .integer({ min: 450, max: 524 })
    .map((quarter) => quarter * 4)
    .filter(isLeapYear)
    .map((year) => ({ year, month: 2, day: 29 })),
);

const validIdentity: fc.Arbitrary<GeneratedIdentity> = fc
  .record({
    date: birthDate,
    coordination: fc.boolean(),
    birthNumber: fc.integer({ min: 0, max: 999 }),
    format: fc.constantFrom<IdentityFormat>('12', '12-', '10', '10-', '10+'),
    dash: fc.constantFrom('-', '–'),
  })
  // "+" is written only by people who are 100 or older, whatever year the test runs.
  .filter(({ format, date }) => format !== '10+' || date.year <= 1925)
  .map(({ date, coordination, birthNumber, format, dash }) => {
    const day = coordination ? date.day + 60 : date.day;
    const short = `${pad(date.year % 100, 2)}${pad(date.month, 2)}${pad(day, 2)}`;
    const serial = pad(birthNumber, 3);
    const check = referenceLuhn(short + serial);
    const tail = `${serial}${check}`;
    const century = String(Math.floor(date.year / 100));
    const value = {
      '12': `${century}${short}${tail}`,
      '12-': `${century}${short}${dash}${tail}`,
      '10': `${short}${tail}`,
      '10-': `${short}${dash}${tail}`,
      '10+': `${short}+${tail}`,
    }[format];
    return {
      value,
      kind: coordination ? 'coordinationNumber' : 'personalIdentityNumber',
      year: date.year,
    };
  });

const freeText = fc.string({ unit: 'grapheme', maxLength: 30 });
const textBefore = fc
  .tuple(freeText, fc.constantFrom(' ', '\n', '\t', '(', '[', '"', '”', ': ', '<'))
  .map(([text, edge]) => text + edge);
/** What may follow a number: punctuation, then optionally a space and anything at all. */
const textAfter = fc
  .tuple(
    fc.constantFrom('', ')', ']', '.', ',', '!', '?', ';', '"', '”', '\n', '>'),
    fc.option(
      freeText.map((text) => ` ${text}`),
      { nil: '' },
    ),
  )
  .map(([edge, rest]) => edge + rest);

const twoDigits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.integer({ min, max }).map((n) => pad(n, 2));

const isoDate = fc
  .tuple(fc.integer({ min: 1950, max: 2035 }), twoDigits(1, 12), twoDigits(1, 28))
  .map(([year, month, day]) => `${year}-${month}-${day}`);
const clock = fc.tuple(twoDigits(0, 23), twoDigits(0, 59)).map(([h, m]) => `${h}:${m}`);
const dateTime = fc.oneof(
  isoDate,
  fc.tuple(isoDate, clock).map(([d, t]) => `${d} ${t}`),
  fc.tuple(isoDate, clock, twoDigits(0, 59)).map(([d, t, s]) => `${d}T${t}:${s}Z`),
  fc.tuple(isoDate, clock, twoDigits(0, 59)).map(([d, t, s]) => `${d}T${t}:${s}+02:00`),
  fc.tuple(isoDate, clock).map(([d, t]) => `${d}T${t}:00.000+01:00`),
  fc
    .tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 12 }))
    .map(([d, m]) => `${d}/${m}`),
  fc
    .tuple(twoDigits(1, 28), twoDigits(1, 12), fc.integer({ min: 1990, max: 2030 }))
    .map(([d, m, y]) => `${d}.${m}.${y}`),
  clock.map((t) => `kl. ${t}`),
  fc.tuple(twoDigits(0, 23), twoDigits(0, 59)).map(([h, m]) => `kl. ${h}.${m}`),
);
/** "12 500 kr", "1 234 567,50 kr": Swedish thousands grouping with a space. */
const amount = fc
  .tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.option(twoDigits(0, 99), { nil: null }))
  .map(([whole, ore]) => {
    const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
    return `${grouped}${ore === null ? '' : `,${ore}`} kr`;
  });
const registrationNumber = fc
  .tuple(
    fc.constantFrom('AMN', 'SN', 'KS', 'ÄN'),
    fc.integer({ min: 2000, max: 2040 }),
    fc.integer({ min: 1, max: 9999 }),
    fc.constantFrom('1.3', '1.1', '2.4'),
  )
  .map(([series, year, seq, cls]) => `${series} ${year}-${pad(seq, 4)}-${cls}`);
const postalCode = fc
  .tuple(fc.integer({ min: 100, max: 999 }), twoDigits(0, 99), fc.boolean())
  .map(([a, b, prefixed]) => `${prefixed ? 'SE-' : ''}${a} ${b}`);
const year = fc.integer({ min: 1900, max: 2100 }).map(String);
const percentage = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map((n) => `${n} %`),
  fc
    .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 9 }))
    .map(([a, b]) => `${a},${b} %`),
);
/** Organisation numbers have 20 or more in the "month" position, so never a valid date. */
const organisationNumber = fc
  .tuple(
    fc.integer({ min: 1, max: 9 }),
    fc.integer({ min: 0, max: 9 }),
    fc.integer({ min: 20, max: 99 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 9999 }),
    fc.boolean(),
  )
  .map(
    ([a, b, mm, dd, tail, dashed]) =>
      `${a}${b}${pad(mm, 2)}${pad(dd, 2)}${dashed ? '-' : ''}${pad(tail, 4)}`,
  );
const ordinaryToken = fc.oneof(
  dateTime,
  amount,
  registrationNumber,
  postalCode,
  year,
  percentage,
  organisationNumber,
  fc.constantFrom('den', 'Brukaren', 'kl.', 'ärendet', 'och', 'enligt beslut', 'N.R.', '§ 4'),
);
const ordinaryText = fc
  .array(fc.tuple(ordinaryToken, fc.constantFrom(' ', ', ', '. ', ' och ', '\n', ' (', ') ')), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => parts.map(([token, gap]) => token + gap).join(''));

const mobileNumber = fc
  .tuple(fc.constantFrom('0', '2', '3', '6', '9'), fc.stringMatching(/^\d{7}$/))
  .chain(([operator, rest]) => {
    const d = `7${operator}${rest}`; // the nine national digits
    return fc.constantFrom(
      `0${d.slice(0, 2)}-${d.slice(2, 5)} ${d.slice(5, 7)} ${d.slice(7)}`,
      `0${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5, 7)} ${d.slice(7)}`,
      `0${d.slice(0, 2)}-${d.slice(2)}`,
      `0${d.slice(0, 2)} - ${d.slice(2, 5)} ${d.slice(5)}`,
      `0${d}`,
      `+46 ${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5, 7)} ${d.slice(7)}`,
      `+46${d}`,
      `+46-${d.slice(0, 2)}-${d.slice(2)}`,
      `0046 ${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5, 7)} ${d.slice(7)}`,
    );
  });

function groupSubscriber(digits: string): string {
  switch (digits.length) {
    case 5:
      return `${digits.slice(0, 3)} ${digits.slice(3)}`;
    case 6:
      return `${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)}`;
    case 7:
      return `${digits.slice(0, 3)} ${digits.slice(3, 5)} ${digits.slice(5)}`;
    default:
      return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
  }
}

const landlineNumber = fc
  .constantFrom('8', '11', '13', '31', '40', '90', '480', '980', '620')
  .chain((area) => {
    // Seven to nine digits after the trunk 0, of which five to eight are the subscriber's.
    const minLength = Math.max(5, 7 - area.length);
    const maxLength = Math.min(8, 9 - area.length);
    return fc
      .tuple(
        fc.integer({ min: 1, max: 9 }),
        fc
          .integer({ min: minLength, max: maxLength })
          .chain((length) => fc.stringMatching(new RegExp(`^\\d{${length - 1}}$`))),
      )
      .chain(([first, rest]) => {
        const subscriber = groupSubscriber(`${first}${rest}`);
        return fc.constantFrom(
          `0${area}-${subscriber}`,
          `0${area} ${subscriber}`,
          `(0${area}) ${subscriber}`,
          `(0)${area}-${subscriber}`,
          `+46 ${area} ${subscriber}`,
          `+46 (0)${area} ${subscriber}`,
        );
      });
  });

// ---------------------------------------------------------------------------------------------

describe('luhnCheckDigit', () => {
  it('computes the check digit of well-known numbers', () => {
    expect(luhnCheckDigit('811218987')).toBe(6);
    expect(luhnCheckDigit('121212121')).toBe(2);
    expect(luhnCheckDigit('701063238')).toBe(3);
    expect(luhnCheckDigit('000000000')).toBe(0);
  });

  it('refuses anything but nine ASCII digits', () => {
    for (const bad of ['', '12345678', '1234567890', '12345678a', '８１１２１８９８７']) {
      expect(() => luhnCheckDigit(bad)).toThrow(RangeError);
    }
  });

  it('agrees with a reference implementation', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (digits) => {
        expect(luhnCheckDigit(digits)).toBe(referenceLuhn(digits));
      }),
    );
  });
});

describe('isValidPersonalIdentityNumber', () => {
  it.each([
    '811218-9876',
    '8112189876',
    '19811218-9876',
    '198112189876',
    '811218–9876',
    ' 811218-9876 ',
    '121212+1212',
    '701063-2383', // samordningsnummer, day 3 + 60
    '197010632383',
    '000229-1235', // 2000-02-29
    '200229-1231', // 2020-02-29
    '20000229-1235',
  ])('accepts %s', (value) => {
    expect(isValidPersonalIdentityNumber(value)).toBe(true);
  });

  it.each([
    ['wrong check digit', '811218-9875'],
    ['month 13', '811318-9876'],
    ['month 00', '810018-9876'],
    ['day 00', '811200-9876'],
    ['day 32', '811232-9876'],
    ['day 60 (neither a birth day nor day + 60)', '811260-9876'],
    ['day 92 (samordningsnummer beyond 31)', '811292-9876'],
    ['30 February', '810230-1234'],
    ['29 February in a year that is never leap (1900 or 2019)', '19000229-1234'],
    ['29 February 2100', '21000229-1234'],
    ['29 February 1900 written with +', '000229+1235'],
    ['"+" in the 12-digit form', '19811218+9876'],
    ['century 17', '17811218-9876'],
    ['century 21', '21811218-9876'],
    ['too short', '81121-9876'],
    ['too long', '8112189-9876'],
    ['letters', '811218-98A6'],
    ['space as separator', '811218 9876'],
    ['empty', ''],
  ])('rejects %s', (_reason, value) => {
    expect(isValidPersonalIdentityNumber(value)).toBe(false);
  });

  it('accepts 29 February in a two-digit year if either century makes it a leap day', () => {
    // 19xx and 20xx: 1996 and 2096 are both leap years; "00" is 2000.
    expect(isValidPersonalIdentityNumber(`960229-123${referenceLuhn('960229123')}`)).toBe(true);
    // 1919 and 2019 are not leap years.
    expect(isValidPersonalIdentityNumber(`190229-123${referenceLuhn('190229123')}`)).toBe(false);
  });

  it('accepts a samordningsnummer on 29 February (day 89)', () => {
    expect(isValidPersonalIdentityNumber(`200289-123${referenceLuhn('200289123')}`)).toBe(true);
    expect(isValidPersonalIdentityNumber(`190289-123${referenceLuhn('190289123')}`)).toBe(false);
  });
});

describe('findPersonalData: identity numbers in sentences', () => {
  it.each([
    ['Brukaren med personnummer 811218-9876 uteblev från mötet.', '811218-9876'],
    ['Pnr: 19811218-9876, se bilaga.', '19811218-9876'],
    ['Personnumret (8112189876) fanns i ämnesraden.', '8112189876'],
    ['198112189876', '198112189876'],
    ['811218-9876 skickades av misstag.', '811218-9876'],
    ['Det skickade numret var 811218-9876', '811218-9876'],
    ['Mottagaren, född 121212+1212, är över hundra år.', '121212+1212'],
    ['Numret ”811218–9876” stod i mejlet.', '811218–9876'],
    ['Se [19811218-9876]!', '19811218-9876'],
    ['Pnr:811218-9876;', '811218-9876'],
  ])('finds a personnummer in %j', (text, value) => {
    expect(findPersonalData(text)).toEqual([finding('personalIdentityNumber', text, value)]);
  });

  it('tells a samordningsnummer from a personnummer', () => {
    const text = 'Samordningsnummer 701063-2383 och personnummer 19811218-9876.';
    expect(findPersonalData(text)).toEqual([
      finding('coordinationNumber', text, '701063-2383'),
      finding('personalIdentityNumber', text, '19811218-9876'),
    ]);
  });

  it('does not match a sub-run of a longer number', () => {
    for (const text of [
      '98112189876',
      '8112189876123',
      '1198112189876',
      'Faktura 4711-811218-9876 betald.',
      'Referens 811218-9876-5.',
      'Belopp 3,8112189876',
      'ID811218-9876',
      'x8112189876y',
    ]) {
      expect(identityKinds(findPersonalData(text))).toEqual([]);
    }
  });

  it('does not take a 10-digit number that fails Luhn', () => {
    expect(findPersonalData('Pnr 811218-9875 och 8112189875.')).toEqual([]);
  });
});

describe('findPersonalData: phone numbers', () => {
  it.each([
    '070-123 45 67',
    '0701234567',
    '070 123 45 67',
    '070-1234567',
    '+46 70 123 45 67',
    '+46701234567',
    '+46 (0)70-123 45 67',
    '0046 70 123 45 67',
    '08-123 456 78',
    '08-12 34 56',
    '08 - 123 456 78',
    '(0)8-123 456 78',
    '+46 (0)8 123 456 78',
    '+46 8 123 456 78',
    '(08) 123 456 78',
    '031-12 34 56',
    '0480-123 45',
    '0771-123 456',
    '08-123\u00A0456\u00A078',
  ])('finds %s in a sentence', (value) => {
    const text = `Ring mig på ${value}, tack.`;
    expect(findPersonalData(text)).toEqual([finding('phoneNumber', text, value)]);
  });

  it('finds phone numbers at the edges of the text and in parentheses', () => {
    expect(findPersonalData('070-123 45 67')).toEqual([{ kind: 'phoneNumber', start: 0, end: 13 }]);
    const text = 'Handläggare (tel. 08-508 000 00) ringde.';
    expect(findPersonalData(text)).toEqual([finding('phoneNumber', text, '08-508 000 00')]);
  });

  it('stops at a following number that cannot belong to it', () => {
    const text = 'Ring 070-123 45 67 2020 om det behövs.';
    expect(findPersonalData(text)).toEqual([finding('phoneNumber', text, '070-123 45 67')]);
  });

  it('does not start a phone number inside a space-grouped number', () => {
    expect(findPersonalData('Postnummer 100 01 10 000 kr och 123 45 0701 23.')).toEqual([]);
    expect(findPersonalData('Summa 1 08 123 45 67')).toEqual([]);
  });

  it('finds a phone number that follows another number after a space', () => {
    const text = 'Anna 811218-9876 070-123 45 67, 2020 08-12 34 56';
    expect(findPersonalData(text)).toEqual([
      finding('personalIdentityNumber', text, '811218-9876'),
      finding('phoneNumber', text, '070-123 45 67'),
      finding('phoneNumber', text, '08-12 34 56'),
    ]);
  });

  it.each([
    '070-123 45 6', // too short
    '070-12345678', // too long for a mobile number
    '08-123 45', // seven digits with the trunk prefix is too short
    '+46 70 123 45', // too short
    '+47 70 123 45 67', // not Swedish
    '12 34 56 78',
    'kl. 08:00',
    '08.00-17.00',
  ])('ignores %s', (value) => {
    expect(findPersonalData(`Se ${value} här.`)).toEqual([]);
  });
});

describe('findPersonalData: e-mail addresses', () => {
  it.each([
    ['Skicka till anna.andersson@stockholm.se.', 'anna.andersson@stockholm.se'],
    ['<n.r@arbetsformedlingen.se>', 'n.r@arbetsformedlingen.se'],
    ['åsa.öberg@kommun.se skrev', 'åsa.öberg@kommun.se'],
    ['Mejla (kontakt+lexsarah@sub.example.co.uk) idag', 'kontakt+lexsarah@sub.example.co.uk'],
    ["Adressen 'jq@example.org' var fel", 'jq@example.org'],
    ['mailto:jq@example.org', 'jq@example.org'],
  ])('finds the address in %j', (text, value) => {
    expect(findPersonalData(text)).toEqual([finding('email', text, value)]);
  });

  it('keeps an address whole even when it contains digits that look like other data', () => {
    const text = 'Svar från 0701234567@sms.example.se och 811218-9876@example.se';
    expect(findPersonalData(text)).toEqual([
      finding('email', text, '0701234567@sms.example.se'),
      finding('email', text, '811218-9876@example.se'),
    ]);
  });

  it('ignores an @ without a proper domain', () => {
    expect(findPersonalData('Möte @ kontoret, user@localhost, a@b.c')).toEqual([]);
  });
});

describe('findPersonalData: several kinds in one text', () => {
  it('returns them sorted by start, without overlaps, and without the values', () => {
    const text =
      'Coach J.Q. mejlade n.r@example.se om 811218-9876 (tel 070-123 45 67) och 701063-2383.';
    const found = findPersonalData(text);
    expect(found).toEqual([
      finding('email', text, 'n.r@example.se'),
      finding('personalIdentityNumber', text, '811218-9876'),
      finding('phoneNumber', text, '070-123 45 67'),
      finding('coordinationNumber', text, '701063-2383'),
    ]);
    for (const item of found) {
      expect(Object.keys(item).sort()).toEqual(['end', 'kind', 'start']);
    }
  });

  it('reads a 10-digit string that is both a mobile number and a valid personnummer as a personnummer', () => {
    const text = 'Nummer 0701234569 i ämnet.';
    expect(findPersonalData(text)).toEqual([finding('personalIdentityNumber', text, '0701234569')]);
  });

  it('finds nothing in an empty or ordinary text', () => {
    expect(findPersonalData('')).toEqual([]);
    expect(findPersonalData('Brukaren N.R. kom inte till mötet 2020-05-27 kl. 14:00.')).toEqual([]);
  });
});

describe('maskPersonalData', () => {
  it('replaces each kind with its Swedish placeholder', () => {
    expect(
      maskPersonalData(
        'Pnr 811218-9876, snr 701063-2383, tel 070-123 45 67, e-post n.r@example.se.',
      ),
    ).toBe(
      'Pnr [personnummer], snr [samordningsnummer], tel [telefonnummer], e-post [e-postadress].',
    );
  });

  it('masks at the start and end of the text', () => {
    expect(maskPersonalData('198112189876')).toBe('[personnummer]');
    expect(maskPersonalData('8112189876 och +46 8 123 456 78')).toBe(
      '[personnummer] och [telefonnummer]',
    );
  });

  it('leaves a text without personal data unchanged', () => {
    const text = 'Ärende AMN 2020-0576-1.3 inkom 2018-02-01 14:00; 12 500 kr.';
    expect(maskPersonalData(text)).toBe(text);
  });

  it('uses the findings it is given', () => {
    const text = 'abc 811218-9876 def';
    expect(maskPersonalData(text, [])).toBe(text);
    expect(maskPersonalData(text, [{ kind: 'email', start: 0, end: 3 }])).toBe(
      '[e-postadress] 811218-9876 def',
    );
  });

  it('merges overlapping findings so no part of a value stays in clear text', () => {
    const text = '0123456789';
    expect(
      maskPersonalData(text, [
        { kind: 'phoneNumber', start: 4, end: 8 },
        { kind: 'email', start: 0, end: 5 },
        { kind: 'email', start: 1, end: 2 },
      ]),
    ).toBe('[e-postadress]89');
  });

  it('refuses findings that do not fit the text', () => {
    for (const bad of [
      { kind: 'email' as const, start: -1, end: 2 },
      { kind: 'email' as const, start: 0, end: 99 },
      { kind: 'email' as const, start: 3, end: 3 },
      { kind: 'email' as const, start: 0.5, end: 2 },
    ]) {
      expect(() => maskPersonalData('short', [bad])).toThrow(RangeError);
    }
  });
});

describe('countPersonalData', () => {
  it('counts each kind and reports zeros for the rest', () => {
    const text =
      'Till: a@example.se, b@example.se. Pnr 811218-9876 och 19811218-9876, tel 08-12 34 56.';
    expect(countPersonalData(text)).toEqual({
      personalIdentityNumber: 2,
      coordinationNumber: 0,
      phoneNumber: 1,
      email: 2,
    });
  });

  it('reports all zeros for an empty text', () => {
    expect(countPersonalData('')).toEqual({
      personalIdentityNumber: 0,
      coordinationNumber: 0,
      phoneNumber: 0,
      email: 0,
    });
  });
});

describe('properties', () => {
  it('finds every valid personnummer and samordningsnummer in every format (no false negatives)', () => {
    fc.assert(
      fc.property(textBefore, validIdentity, textAfter, (before, identity, after) => {
        const text = before + identity.value + after;
        const expected: PersonalDataFinding = {
          kind: identity.kind,
          start: before.length,
          end: before.length + identity.value.length,
        };
        expect(isValidPersonalIdentityNumber(identity.value)).toBe(true);
        expect(findPersonalData(text)).toContainEqual(expected);
        const masked = maskPersonalData(text);
        expect(masked).not.toContain(identity.value);
        expect(masked).toContain(
          identity.kind === 'personalIdentityNumber' ? '[personnummer]' : '[samordningsnummer]',
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('finds no personal data in dates, amounts, registration numbers and the like', () => {
    fc.assert(
      fc.property(ordinaryText, (text) => {
        expect(findPersonalData(text)).toEqual([]);
        expect(maskPersonalData(text)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('never takes a 10- or 12-digit number with a wrong check digit for an identity number', () => {
    const wrongCheckDigit = fc
      .tuple(validIdentity, fc.integer({ min: 1, max: 9 }))
      .map(([identity, offset]) => {
        const last = Number(identity.value.slice(-1));
        return identity.value.slice(0, -1) + String((last + offset) % 10);
      });
    const anyDigits = fc
      .tuple(fc.stringMatching(/^\d{9}$/), fc.integer({ min: 1, max: 9 }), fc.boolean())
      .map(([nine, offset, dashed]) => {
        const wrong = (luhnCheckDigit(nine) + offset) % 10;
        return `${nine.slice(0, 6)}${dashed ? '-' : ''}${nine.slice(6)}${wrong}`;
      });
    fc.assert(
      fc.property(fc.oneof(wrongCheckDigit, anyDigits), (value) => {
        expect(isValidPersonalIdentityNumber(value)).toBe(false);
        expect(identityKinds(findPersonalData(`Numret ${value} i texten.`))).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds every e-mail address that fast-check generates', () => {
    fc.assert(
      fc.property(textBefore, fc.emailAddress(), textAfter, (before, address, after) => {
        const text = before + address + after;
        expect(findPersonalData(text)).toContainEqual({
          kind: 'email',
          start: before.length,
          end: before.length + address.length,
        });
        expect(maskPersonalData(text)).not.toContain(address);
      }),
      { numRuns: 1000 },
    );
  });

  it('finds Swedish mobile and landline numbers in the usual formats', () => {
    // A phone number may not continue a space-grouped number, so "5 070-…" is not one.
    const beforePhone = fc
      .tuple(freeText, fc.constantFrom('\n', '\t', '(', '"', ': ', '<', ' tel. ', 'Ring '))
      .map(([text, edge]) => text + edge);
    const afterPhone = fc
      .tuple(
        fc.constantFrom('', ')', '.', ',', '!', '?', ';', '\n'),
        fc.option(
          freeText.map((text) => ` ${text}`),
          { nil: '' },
        ),
      )
      .filter(([edge]) => edge !== '')
      .map(([edge, rest]) => edge + rest);
    fc.assert(
      fc.property(
        beforePhone,
        fc.oneof(mobileNumber, landlineNumber),
        fc.oneof(afterPhone, fc.constant('')),
        (before, phone, after) => {
          // Ten bare digits may also be a valid personnummer, which then takes precedence.
          fc.pre(!isValidPersonalIdentityNumber(phone));
          const text = before + phone + after;
          expect(findPersonalData(text)).toContainEqual({
            kind: 'phoneNumber',
            start: before.length,
            end: before.length + phone.length,
          });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('returns findings sorted, non-overlapping and inside the text for any input', () => {
    const noisy = fc
      .array(
        fc.oneof(
          freeText,
          validIdentity.map((identity) => identity.value),
          mobileNumber,
          fc.emailAddress(),
          ordinaryToken,
          fc.stringMatching(/^[\d +\-()]{1,20}$/),
        ),
        { maxLength: 8 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(noisy, (text) => {
        const found = findPersonalData(text);
        let previousEnd = 0;
        for (const item of found) {
          expect(item.start).toBeGreaterThanOrEqual(previousEnd);
          expect(item.end).toBeGreaterThan(item.start);
          expect(item.end).toBeLessThanOrEqual(text.length);
          previousEnd = item.end;
        }
        const counts = countPersonalData(text);
        expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(found.length);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('false-positive rate on realistic case prose', () => {
  // Written in the style of the administration's Lex Sarah reports and investigations: dates,
  // times, amounts, registration numbers, initials, but no personal identity numbers, phone
  // numbers or addresses.
  const corpus = [
    'Händelsen uppmärksammades torsdagen den 2018-02-01 kl. 14:00 av arbetskonsulent N.R.',
    'Rapporten inkom 2020-05-27 och registrerades samma dag med diarienummer AMN 2020-0576-1.3.',
    'Utredningen inleddes 2020-06-02 enligt SoL 14 kap. 6 § och avslutades 2020-08-14.',
    'Aspiranten hade beviljats ekonomiskt bistånd med 12 500 kr för maj månad.',
    'Den totala kostnaden för placeringen uppgick till 1 234 567,50 kr under 2019.',
    'Coach J.Q. noterade att deltagaren inte kommit till sysselsättningen sedan 27/5.',
    'Mötet flyttades från kl. 09.30 till kl. 13.15 på grund av personalbrist.',
    'Andelen rapporter som utreddes inom 60 dagar var 87,5 % under året.',
    'Enheten ligger på Sveavägen 44, 111 34 Stockholm, plan 3.',
    'Beslutet fattades enligt delegation 2020-09-01, se bilaga 4 och 5.',
    'Brukaren fick vänta 45 minuter på hemtjänsten den 3 mars 2021 mellan 07:45 och 08:30.',
    'Ärendet AMN 2021-0012-1.3 överlämnades till IVO den 2021-02-15T10:24:00+01:00.',
    'Under perioden 2019-01-01–2019-12-31 inkom 37 rapporter, varav 12 bedömdes som missförhållanden.',
    'Fakturan på 8 750,00 kr från leverantören med organisationsnummer 556036-0793 bestreds.',
    'Kommunens organisationsnummer 212000-0142 angavs i anmälan till IMY.',
    'Nattpersonalen gick ronder kl. 22, 01 och 04 enligt rutinen från 2017.',
    'Av 150 deltagare hade 23 skyddade personuppgifter, det vill säga 15,3 %.',
    'Lokalen på Box 8 320, 104 20 Stockholm, tömdes den 12 december.',
    'Uppföljning sker vecka 34 och därefter var tredje månad till och med 2022.',
    'Enligt journalen gavs 2,5 mg vid 20.00 och ytterligare 2,5 mg vid 23.30.',
    'HVB-hemmet har 14 platser och en beläggning på 92 % under första kvartalet.',
    'Personuppgiftsincidenten upptäcktes 2022-03-14 09:12 och anmäldes 2022-03-17 16:40.',
    'Anmälan gjordes efter 79 timmar, alltså 7 timmar för sent enligt artikel 33.',
    'Väskan innehöll papperskopior för 4 aspiranter och en bärbar dator, inventarienummer 20431.',
    'Ersättningen höjdes från 3 200 kr till 3 450 kr per månad från och med 1 juli 2023.',
    'Händelsen inträffade mellan 2023-11-30 23:50 och 2023-12-01 00:20.',
    'I ärende SN 2024-1187-2.4 bifogades 3 protokoll om sammanlagt 18 sidor.',
    'Beslut enligt delegation, punkt 5.3 i delegationsordningen, daterat 2024-01-08.',
    'Utredaren intervjuade 6 medarbetare och 2 chefer under 10 arbetsdagar.',
    'Sammanlagt 1 024 e-postmeddelanden granskades, varav 3 innehöll känsliga uppgifter.',
  ];

  it('finds no personal data in 30 sentences of case prose', () => {
    expect(corpus).toHaveLength(30);
    const flagged = corpus.filter((sentence) => findPersonalData(sentence).length > 0);
    const identityFindings = corpus.flatMap((sentence) =>
      identityKinds(findPersonalData(sentence)),
    );
    expect(identityFindings).toHaveLength(0);
    expect(flagged).toEqual([]);
    expect(flagged.length / corpus.length).toBe(0);
  });
});
