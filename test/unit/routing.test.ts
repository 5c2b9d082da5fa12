import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ValidationError } from '../../src/core/errors.js';
import { deviationTypes } from '../../src/core/fields.js';
import { type RoutingTable, parseRoutingTable, routeReport } from '../../src/core/routing.js';
import { loadScenarios } from '../fixtures/scenarios.js';

const routingFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../config/routing.json',
);

function readRoutingJson(): unknown {
  return JSON.parse(readFileSync(routingFile, 'utf8'));
}

const group = (handler: string) => ({
  name: { sv: `Grupp ${handler}`, en: `Group ${handler}` },
  protectedHandlers: [handler],
});

/** A minimal valid table: one catch-all per type; tests add rules in front. */
function table(extraRules: unknown[] = [], extra: Record<string, unknown> = {}): unknown {
  return {
    authority: 'Arbetsmarknadsnämnden',
    groups: {
      lexSarahOfficer: group('u-officer'),
      jobbtorg: group('u-jobbtorg'),
      elderly: group('u-elderly'),
      dpo: group('u-dpo'),
      isam: group('u-isam'),
    },
    rules: [
      ...extraRules,
      { type: 'lexSarah', group: 'lexSarahOfficer', series: 'AMN', classification: '1.3' },
      { type: 'personalDataBreach', group: 'dpo', series: 'AMN', classification: '1.4' },
      { type: 'securityIncident', group: 'isam', series: 'AMN', classification: '1.5' },
    ],
    ...extra,
  };
}

function validationIssues(input: unknown): { field: string; sv: string; en: string }[] {
  try {
    parseRoutingTable(input);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.issues.map((i) => ({ field: i.field, sv: i.message.sv, en: i.message.en }));
  }
  throw new Error('expected a ValidationError');
}

describe('config/routing.json', () => {
  const parsed: RoutingTable = parseRoutingTable(readRoutingJson());

  it('parses and routes every deviation type somewhere', () => {
    expect(parsed.authority).toBe('Arbetsmarknadsnämnden');
    for (const type of deviationTypes) {
      const route = routeReport(parsed, { type });
      expect(parsed.groups[route.group]).toBeDefined();
      expect(route.protectedHandlers.length).toBeGreaterThan(0);
    }
  });

  it.each(loadScenarios().map((s) => [s.file, s] as const))(
    'routes scenario %s to expect.routedTo',
    (_file, scenario) => {
      const area = typeof scenario.answers.area === 'string' ? scenario.answers.area : undefined;
      const unit = typeof scenario.answers.unit === 'string' ? scenario.answers.unit : undefined;
      const route = routeReport(parsed, { type: scenario.type, area, unit });
      expect(route.group).toBe(scenario.expect.routedTo);
    },
  );

  it('sends Lex Sarah to the Lex Sarah officer and breaches to the DPO, in series AMN', () => {
    const lexSarah = routeReport(parsed, {
      type: 'lexSarah',
      area: 'jobCentre',
      unit: 'Jobbtorg Kista, Jobbstart',
    });
    expect(lexSarah.group).toBe('lexSarahOfficer');
    expect(lexSarah.series).toBe('AMN');
    expect(lexSarah.classification).toBe('1.3');
    expect(lexSarah.protectedHandlers).toEqual(['u-officer']);
    expect(routeReport(parsed, { type: 'personalDataBreach' }).group).toBe('dpo');
  });

  it('keeps the legal references as configuration text', () => {
    expect(parsed.legalReferences.lexSarahReport).toMatch(/2025:400/);
  });
});

describe('routeReport: first match wins', () => {
  const rules = [
    {
      type: 'lexSarah',
      area: 'jobCentre',
      unitPrefix: 'jobbtorg',
      group: 'jobbtorg',
      series: 'JOB',
      classification: '2.1',
    },
    { type: 'lexSarah', area: 'elderlyCare', group: 'elderly', series: 'ÄLD', classification: '3' },
    {
      type: 'lexSarah',
      unitPrefix: 'Äldreboende',
      group: 'elderly',
      series: 'ÄLD',
      classification: '3',
    },
  ];
  const parsed = parseRoutingTable(table(rules));

  it('matches a unit prefix case-insensitively (jobbtorg ⇒ Jobbtorg Kista)', () => {
    const route = routeReport(parsed, {
      type: 'lexSarah',
      area: 'jobCentre',
      unit: 'Jobbtorg Kista',
    });
    expect(route.group).toBe('jobbtorg');
    expect(route.series).toBe('JOB');
    expect(route.classification).toBe('2.1');
    expect(route.protectedHandlers).toEqual(['u-jobbtorg']);
    expect(route.groupName.sv).toBe('Grupp u-jobbtorg');
  });

  it('lowercases Swedish letters too and ignores surrounding spaces in the unit', () => {
    const route = routeReport(parsed, { type: 'lexSarah', unit: '  ÄLDREBOENDE Solgården' });
    expect(route.group).toBe('elderly');
  });

  it('needs both the area and the unit prefix of a rule to match', () => {
    expect(
      routeReport(parsed, { type: 'lexSarah', area: 'financialAid', unit: 'Jobbtorg Kista' }).group,
    ).toBe('lexSarahOfficer');
    expect(
      routeReport(parsed, { type: 'lexSarah', area: 'jobCentre', unit: 'Kista jobbtorg' }).group,
    ).toBe('lexSarahOfficer');
    expect(routeReport(parsed, { type: 'lexSarah', area: 'jobCentre' }).group).toBe(
      'lexSarahOfficer',
    );
  });

  it('matches an area rule whatever the unit', () => {
    expect(
      routeReport(parsed, { type: 'lexSarah', area: 'elderlyCare', unit: 'Hemtjänst' }).group,
    ).toBe('elderly');
  });

  it('takes the earlier of two matching rules', () => {
    const first = parseRoutingTable(
      table([
        {
          type: 'lexSarah',
          area: 'elderlyCare',
          group: 'elderly',
          series: 'A',
          classification: '1',
        },
        {
          type: 'lexSarah',
          area: 'elderlyCare',
          group: 'jobbtorg',
          series: 'B',
          classification: '2',
        },
      ]),
    );
    const route = routeReport(first, { type: 'lexSarah', area: 'elderlyCare' });
    expect(route.group).toBe('elderly');
    expect(route.series).toBe('A');
  });

  it('does not route a report by another type’s rule', () => {
    expect(
      routeReport(parsed, { type: 'personalDataBreach', area: 'jobCentre', unit: 'Jobbtorg' })
        .group,
    ).toBe('dpo');
  });

  it('throws a RangeError for a hand-built table without a matching rule', () => {
    const handBuilt: RoutingTable = { ...parsed, rules: [] };
    expect(() => routeReport(handBuilt, { type: 'lexSarah' })).toThrow(RangeError);
    const unknownGroup: RoutingTable = {
      ...parsed,
      rules: parsed.rules.map((rule) => ({ ...rule, group: 'missing' })),
    };
    expect(() => routeReport(unknownGroup, { type: 'lexSarah' })).toThrow(RangeError);
  });
});

describe('parseRoutingTable: refusals', () => {
  it('refuses a table without a catch-all rule for a type, naming rules', () => {
    const input = table();
    const noCatchAll = {
      ...(input as Record<string, unknown>),
      rules: [
        { type: 'lexSarah', group: 'lexSarahOfficer', series: 'AMN', classification: '1.3' },
        { type: 'personalDataBreach', group: 'dpo', series: 'AMN', classification: '1.4' },
        // Only a specific rule for security incidents: some would go unrouted.
        {
          type: 'securityIncident',
          area: 'jobCentre',
          group: 'isam',
          series: 'AMN',
          classification: '1.5',
        },
      ],
    };
    const issues = validationIssues(noCatchAll);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.field).toBe('rules');
    expect(issues[0]?.sv).toContain('securityIncident');
    expect(issues[0]?.en).toContain('securityIncident');
  });

  it('refuses a rule naming an unknown group, by rules.N.group', () => {
    const issues = validationIssues(
      table([
        {
          type: 'lexSarah',
          area: 'jobCentre',
          group: 'nobody',
          series: 'AMN',
          classification: '1',
        },
      ]),
    );
    expect(issues.map((i) => i.field)).toEqual(['rules.0.group']);
    expect(issues[0]?.sv).toContain('nobody');
    expect(issues[0]?.en).toContain('nobody');
  });

  it.each(['toString', 'constructor', 'hasOwnProperty', '__proto__'])(
    'refuses the inherited property name %s as a group',
    (name) => {
      const issues = validationIssues(
        table([
          { type: 'lexSarah', area: 'jobCentre', group: name, series: 'AMN', classification: '1' },
        ]),
      );
      expect(issues.map((i) => i.field)).toEqual(['rules.0.group']);
    },
  );

  it.each(['amn', 'AM1', 'A B', '', 'ABCDEFGHIJK'])('refuses the series %j', (series) => {
    const issues = validationIssues(
      table([
        { type: 'lexSarah', area: 'jobCentre', group: 'jobbtorg', series, classification: '1.3' },
      ]),
    );
    expect(issues.map((i) => i.field)).toEqual(['rules.0.series']);
  });

  it.each(['1.', '.3', 'a.b', '1..3', ''])('refuses the classification %j', (classification) => {
    const issues = validationIssues(
      table([
        { type: 'lexSarah', area: 'jobCentre', group: 'jobbtorg', series: 'AMN', classification },
      ]),
    );
    expect(issues.map((i) => i.field)).toEqual(['rules.0.classification']);
  });

  it('refuses unknown keys, unknown types and areas, and an empty rule list', () => {
    expect(validationIssues(table([], { extra: true })).map((i) => i.field)).toEqual(['(root)']);
    expect(
      validationIssues(
        table([{ type: 'unsure', group: 'jobbtorg', series: 'AMN', classification: '1' }]),
      ).map((i) => i.field),
    ).toEqual(['rules.0.type']);
    expect(
      validationIssues(
        table([
          {
            type: 'lexSarah',
            area: 'space',
            group: 'jobbtorg',
            series: 'AMN',
            classification: '1',
          },
        ]),
      ).map((i) => i.field),
    ).toEqual(['rules.0.area']);
    const empty = { ...(table() as Record<string, unknown>), rules: [] };
    expect(validationIssues(empty).map((i) => i.field)).toContain('rules');
  });

  it('labels an issue on a key named like an Object member with the key itself', () => {
    const issues = validationIssues(table([], { legalReferences: { constructor: 5 } }));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.field).toBe('legalReferences.constructor');
    expect(issues[0]?.sv).toMatch(/^legalReferences\.constructor: Fel sorts värde/);
    expect(issues[0]?.en).toMatch(/^legalReferences\.constructor: Wrong kind of value/);
  });

  it('refuses a group without protected handlers', () => {
    const input = table() as { groups: Record<string, unknown> };
    input.groups.empty = { name: { sv: 'Tom', en: 'Empty' }, protectedHandlers: [] };
    expect(validationIssues(input).map((i) => i.field)).toEqual(['groups.empty.protectedHandlers']);
  });
});

describe('parseRoutingTable: defaults and clocks', () => {
  it('registers on submission by default, and applies the other defaults', () => {
    const parsed = parseRoutingTable(table());
    for (const rule of parsed.rules) expect(rule.registerOnSubmit).toBe(true);
    expect(parsed.groups.dpo?.entraGroupId).toBeNull();
    expect(parsed.legalReferences).toEqual({});
    expect(parsed.clocks.breach.imyNotificationHours).toBe(72);
    const route = routeReport(parsed, { type: 'personalDataBreach' });
    expect(route.registerOnSubmit).toBe(true);
    expect(route.entraGroupId).toBeNull();
    expect(route.clocks).toEqual(parsed.clocks);
  });

  it('keeps registerOnSubmit false where a rule says so', () => {
    const parsed = parseRoutingTable(
      table([
        {
          type: 'securityIncident',
          area: 'jobCentre',
          group: 'isam',
          series: 'IS',
          classification: '9',
          registerOnSubmit: false,
        },
      ]),
    );
    expect(
      routeReport(parsed, { type: 'securityIncident', area: 'jobCentre' }).registerOnSubmit,
    ).toBe(false);
    expect(routeReport(parsed, { type: 'securityIncident' }).registerOnSubmit).toBe(true);
  });

  it('uses a rule’s own clocks over the table’s, with defaults for what it leaves out', () => {
    const parsed = parseRoutingTable(
      table(
        [
          {
            type: 'personalDataBreach',
            area: 'jobCentre',
            group: 'dpo',
            series: 'AMN',
            classification: '1.4',
            clocks: { breach: { imyNotificationHours: 48, reminderHours: [12, 24] } },
          },
        ],
        { clocks: { lexSarah: { investigationTargetDays: 30 } } },
      ),
    );
    const special = routeReport(parsed, { type: 'personalDataBreach', area: 'jobCentre' });
    expect(special.clocks.breach.imyNotificationHours).toBe(48);
    expect(special.clocks.breach.reminderHours).toEqual([12, 24]);
    expect(special.clocks.breach.escalateWhenHoursRemain).toBe(12);
    // The rule's clocks replace the table's whole, so the table's 30 days do not apply here.
    expect(special.clocks.lexSarah.investigationTargetDays).toBe(60);
    const ordinary = routeReport(parsed, { type: 'personalDataBreach', area: 'elderlyCare' });
    expect(ordinary.clocks.breach.imyNotificationHours).toBe(72);
    expect(ordinary.clocks.lexSarah.investigationTargetDays).toBe(30);
  });

  it("refuses a rule that comes after its type's catch-all and so could never apply", () => {
    const issues = validationIssues({
      ...(table() as Record<string, unknown>),
      rules: [
        { type: 'lexSarah', group: 'lexSarahOfficer', series: 'AMN', classification: '1.3' },
        { type: 'personalDataBreach', group: 'dpo', series: 'AMN', classification: '1.4' },
        {
          type: 'lexSarah',
          area: 'jobCentre',
          group: 'jobbtorg',
          series: 'JOB',
          classification: '2.1',
        },
        { type: 'securityIncident', group: 'isam', series: 'AMN', classification: '1.5' },
      ],
    });
    expect(issues.map((i) => i.field)).toEqual(['rules.2']);
    expect(issues[0]?.sv).toContain('kan aldrig gälla');
    expect(issues[0]?.en).toContain('can never apply');
  });

  it('refuses bad clocks in a rule', () => {
    const issues = validationIssues(
      table([
        {
          type: 'personalDataBreach',
          unitPrefix: 'Jobbtorg',
          group: 'dpo',
          series: 'AMN',
          classification: '1.4',
          clocks: { breach: { imyNotificationHours: 0 } },
        },
      ]),
    );
    expect(issues.map((i) => i.field)).toContain('rules.0.clocks.breach.imyNotificationHours');
    for (const issue of issues) expect(issue.field).toMatch(/^rules\.0\.clocks\.breach\./);
  });
});
