import { z } from 'zod';
import { clockSettingsSchema, type ClockSettings } from './clocks.js';
import { areas, deviationTypes, type DeviationType } from './fields.js';
import type { LocalizedText } from './i18n.js';
import { isValidClassification, isValidSeries } from './registrationNumbers.js';
import { parseOrThrow } from './validation.js';

/**
 * SPEC §5: routing is data, not code. A table maps (deviation type, area, unit) to the group that
 * receives the report, the registry series and classification, and the clocks. The first rule
 * that matches wins; every type must end with a catch-all rule so no report is left unrouted.
 */

const localized = z.strictObject({ sv: z.string().min(1), en: z.string().min(1) });

const groupSchema = z.strictObject({
  name: localized,
  /** The Entra ID group (object id) or Teams channel that receives notifications in production. */
  entraGroupId: z.string().min(1).nullable().default(null),
  /** Named handlers of protected cases routed here (user ids): the few eyes of SPEC §6. */
  protectedHandlers: z.array(z.string().min(1)).min(1),
});

const ruleSchema = z.strictObject({
  type: z.enum(deviationTypes),
  /** Matches any area when absent. */
  area: z.enum(areas).optional(),
  /** Matches units whose name starts with this text (case-insensitive) when present. */
  unitPrefix: z.string().min(1).optional(),
  group: z.string().min(1),
  series: z.string().refine(isValidSeries, 'series: A–Ö, 1–10 letters'),
  classification: z.string().refine(isValidClassification, 'classification: e.g. 1.3'),
  /** Register (give a registration number) at once on submission, as OSL 5 kap. expects. */
  registerOnSubmit: z.boolean().default(true),
  clocks: clockSettingsSchema.optional(),
});

/** The routing file's schema. */
export const routingTableSchema = z
  .strictObject({
    /** The board whose registry this is; printed in document headers. */
    authority: z.string().min(1),
    groups: z.record(z.string().min(1), groupSchema),
    rules: z.array(ruleSchema).min(1),
    clocks: clockSettingsSchema.default(clockSettingsSchema.parse({})),
    /** Legal references are configuration text, since laws get renumbered (SoL 2025:400). */
    legalReferences: z.record(z.string(), z.string()).default({}),
  })
  .superRefine((table, ctx) => {
    table.rules.forEach((rule, index) => {
      if (!Object.hasOwn(table.groups, rule.group)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'group'],
          message: `unknown group ${rule.group}`,
          params: {
            text: {
              sv: `Gruppen ”${rule.group}” finns inte i groups.`,
              en: `The group "${rule.group}" is not defined in groups.`,
            },
          },
        });
      }
      // First match wins, so a rule after its type's catch-all could never apply: a silent mistake.
      const catchAll = table.rules.findIndex(
        (earlier) => earlier.type === rule.type && !earlier.area && !earlier.unitPrefix,
      );
      if (catchAll !== -1 && catchAll < index) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index],
          message: `rule ${String(index)} comes after the catch-all rule for ${rule.type}`,
          params: {
            text: {
              sv: `Regeln kan aldrig gälla: den står efter regel ${String(catchAll)}, som fångar alla ${rule.type}. Flytta den före.`,
              en: `The rule can never apply: it comes after rule ${String(catchAll)}, which catches every ${rule.type}. Move it before.`,
            },
          },
        });
      }
    });
    for (const type of deviationTypes) {
      if (!table.rules.some((rule) => rule.type === type && !rule.area && !rule.unitPrefix)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules'],
          message: `no catch-all rule for ${type}`,
          params: {
            text: {
              sv: `Det saknas en regel utan område och enhet för ${type}.`,
              en: `There is no rule without area and unit for ${type}.`,
            },
          },
        });
      }
    }
  });

/** A validated routing table. */
export type RoutingTable = z.output<typeof routingTableSchema>;
/** One routing rule. */
export type RoutingRule = z.output<typeof ruleSchema>;

/** Where a report goes and how it is registered. */
export interface Route {
  group: string;
  groupName: LocalizedText;
  entraGroupId: string | null;
  protectedHandlers: string[];
  series: string;
  classification: string;
  registerOnSubmit: boolean;
  clocks: ClockSettings;
}

/** Validates a routing table (parsed JSON) or throws a ValidationError naming the bad entries. */
export function parseRoutingTable(input: unknown): RoutingTable {
  return parseOrThrow(routingTableSchema, input);
}

/** The route of a report: the first rule matching its type, area and unit. */
export function routeReport(
  table: RoutingTable,
  report: { type: DeviationType; area?: string | undefined; unit?: string | undefined },
): Route {
  const unit = report.unit?.trim().toLocaleLowerCase('sv');
  const rule = table.rules.find(
    (candidate) =>
      candidate.type === report.type &&
      (candidate.area === undefined || candidate.area === report.area) &&
      (candidate.unitPrefix === undefined ||
        (unit?.startsWith(candidate.unitPrefix.toLocaleLowerCase('sv')) ?? false)),
  );
  // The schema guarantees a catch-all rule per type, so this only fails on a hand-built table.
  if (!rule) throw new RangeError(`No routing rule for ${report.type}`);
  const group = table.groups[rule.group];
  if (!group) throw new RangeError(`Unknown routing group ${rule.group}`);
  return {
    group: rule.group,
    groupName: group.name,
    entraGroupId: group.entraGroupId,
    protectedHandlers: group.protectedHandlers,
    series: rule.series,
    classification: rule.classification,
    registerOnSubmit: rule.registerOnSubmit,
    clocks: rule.clocks ?? table.clocks,
  };
}
