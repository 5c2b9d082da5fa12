import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { caseStates } from '../core/workflow.js';
import { deviationTypes, areas } from '../core/fields.js';
import { attachmentRules } from '../core/attachments.js';
import { ValidationError } from '../core/errors.js';
import { idempotencyKeySchema, type CaseService } from '../core/service.js';
import { bilingual, parseOrThrow } from '../core/validation.js';
import type { Actor } from '../core/access.js';
import type { CaseRecord } from '../core/cases.js';
import { requireActor } from './app.js';

/**
 * The case API: thin doors onto CaseService. Each handler validates its input with zod, names
 * the actor from the verified token, calls one command and returns its result; errors go to the
 * app's one error handler. Every route here sits behind authentication, set once for the scope.
 */

const idParams = z.strictObject({ id: z.uuid() });
const documentParams = z.strictObject({ id: z.uuid(), documentId: z.uuid() });
const uploadParams = z.strictObject({ id: z.uuid(), fileName: z.string().trim().min(1).max(200) });
/**
 * A comma-separated list of allowed values. Checked on the text itself, so a wrong value is named
 * by its query parameter (`type`, not `type.0`, which the query does not have) and called invalid
 * rather than missing.
 */
const csv = <T extends readonly [string, ...string[]]>(values: T) => {
  const allowed = values.join(', ');
  const parts = (text: string): string[] => text.split(',').filter((part) => part !== '');
  const isAllowed = (part: string): part is T[number] => values.includes(part);
  return z
    .string()
    .refine(
      (text) => parts(text).every(isAllowed),
      bilingual({
        sv: `Ogiltigt val. Tillåtna värden: ${allowed}.`,
        en: `Invalid choice. Allowed values: ${allowed}.`,
      }),
    )
    .transform((text) => parts(text).filter(isAllowed));
};

const listQuery = z.strictObject({
  type: csv(deviationTypes).optional(),
  state: csv(caseStates).optional(),
  unit: z.string().max(200).optional(),
  area: z.enum(areas).optional(),
  assignedToMe: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  search: z.string().max(100).optional(),
  sort: z.enum(['receivedAt', 'registrationNumber', 'nextDeadlineAt', 'updatedAt']).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const stepBody = z.strictObject({
  step: z.enum([
    'register',
    'openInvestigation',
    'declineInvestigation',
    'recordDecision',
    'reportToAuthority',
    'close',
  ]),
  expectedVersion: z.number().int().positive(),
  reason: z.string().max(8000).optional(),
});
const versioned = z.strictObject({ expectedVersion: z.number().int().positive() });
const accessLogQuery = z.strictObject({
  caseId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The HTTP header carrying a submission's idempotency key (as in the IETF draft of that name). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** Registers `/api/reports`, `/api/cases…` and `/api/access-log`, all behind authentication. */
export async function registerCaseRoutes(
  app: FastifyInstance,
  deps: { cases: CaseService; now?: () => Date },
): Promise<void> {
  const { cases } = deps;
  const now = deps.now ?? (() => new Date());
  // A changed case goes back as the actor may see it, with what they may do next.
  const changed = (actor: Actor, record: CaseRecord) => {
    const view = cases.viewFor(actor, record);
    return { access: view.access, case: view.record };
  };
  await app.register(
    (api) => {
      api.addHook('preHandler', app.authenticate);

      api.post('/reports', async (request, reply) => {
        const key = request.headers[IDEMPOTENCY_HEADER];
        if (typeof key !== 'string') {
          throw new ValidationError([
            {
              field: 'Idempotency-Key',
              message: {
                sv: 'Idempotency-Key: Rubriken saknas; skicka ett unikt id per rapport.',
                en: 'Idempotency-Key: The header is missing; send one unique id per report.',
              },
            },
          ]);
        }
        // Checked here too, so a malformed key is named as the client sent it: the header.
        parseOrThrow(idempotencyKeySchema, key, 'Idempotency-Key');
        const result = await cases.submitReport(requireActor(request), {
          report: request.body,
          idempotencyKey: key,
        });
        return reply.code(result.created ? 201 : 200).send({ case: result.record });
      });

      api.get('/cases', async (request) => {
        const actor = requireActor(request);
        const query = parseOrThrow(listQuery, request.query);
        const page = await cases.listCases(actor, {
          ...(query.type ? { types: query.type } : {}),
          ...(query.state ? { states: query.state } : {}),
          ...(query.unit !== undefined ? { unit: query.unit } : {}),
          ...(query.area !== undefined ? { area: query.area } : {}),
          ...(query.assignedToMe === 'true' ? { assignee: actor.id } : {}),
          ...(query.overdue === 'true' ? { deadlineBefore: now().toISOString() } : {}),
          ...(query.search !== undefined ? { search: query.search } : {}),
          ...(query.sort ? { sort: query.sort } : {}),
          ...(query.direction ? { direction: query.direction } : {}),
          limit: query.limit,
          offset: query.offset,
        });
        return {
          total: page.total,
          items: page.items.map((item) => ({ access: item.access, case: item.record })),
        };
      });

      api.get('/cases/:id', async (request) => {
        const { id } = parseOrThrow(idParams, request.params);
        const found = await cases.getCase(requireActor(request), id);
        return { access: found.access, case: found.record };
      });

      api.get('/cases/:id/events', async (request) => {
        const { id } = parseOrThrow(idParams, request.params);
        return { events: await cases.listEvents(requireActor(request), id) };
      });

      api.get('/cases/:id/documents', async (request) => {
        const { id } = parseOrThrow(idParams, request.params);
        return { documents: await cases.listDocuments(requireActor(request), id) };
      });

      api.get('/cases/:id/documents/:documentId', async (request, reply) => {
        const { id, documentId } = parseOrThrow(documentParams, request.params);
        const { ref, content } = await cases.getDocument(requireActor(request), id, documentId);
        return reply
          .header('content-type', ref.mediaType)
          .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(ref.name)}`)
          .header('cache-control', 'no-store')
          .send(Buffer.from(content));
      });

      api.post('/cases/:id/documents/decision', async (request, reply) => {
        const { id } = parseOrThrow(idParams, request.params);
        const document = await cases.generateDecisionDocument(requireActor(request), id);
        return reply.code(201).send({ document });
      });

      api.post('/cases/:id/documents/investigation', async (request, reply) => {
        const { id } = parseOrThrow(idParams, request.params);
        const document = await cases.generateInvestigationDocument(requireActor(request), id);
        return reply.code(201).send({ document });
      });

      // A file as the body, named in the path (as Graph uploads do): no multipart parsing.
      api.addContentTypeParser(
        'application/octet-stream',
        { parseAs: 'buffer', bodyLimit: attachmentRules.maxFileBytes },
        (_request, body, done) => {
          done(null, body);
        },
      );
      api.put(
        '/cases/:id/attachments/:fileName',
        { bodyLimit: attachmentRules.maxFileBytes },
        async (request, reply) => {
          const { id, fileName } = parseOrThrow(uploadParams, request.params);
          if (!Buffer.isBuffer(request.body)) {
            throw new ValidationError([
              {
                field: 'body',
                message: {
                  sv: 'Skicka filen som application/octet-stream.',
                  en: 'Send the file as application/octet-stream.',
                },
              },
            ]);
          }
          const document = await cases.addCaseAttachment(requireActor(request), id, {
            name: fileName,
            content: new Uint8Array(request.body),
          });
          return reply.code(201).send({ document });
        },
      );

      api.post('/cases/:id/steps', async (request) => {
        const { id } = parseOrThrow(idParams, request.params);
        const body = parseOrThrow(stepBody, request.body);
        const actor = requireActor(request);
        const record = await cases.takeStep(actor, id, body.step, {
          expectedVersion: body.expectedVersion,
          ...(body.reason !== undefined ? { reason: body.reason } : {}),
        });
        return changed(actor, record);
      });

      api.put('/cases/:id/investigation', async (request) => {
        const { id } = parseOrThrow(idParams, request.params);
        const body = parseOrThrow(versioned.extend({ investigation: z.unknown() }), request.body);
        const actor = requireActor(request);
        return changed(actor, await cases.updateInvestigation(actor, id, body));
      });

      api.put('/cases/:id/assessment', async (request) => {
        const { id } = parseOrThrow(idParams, request.params);
        const body = parseOrThrow(versioned.extend({ assessment: z.unknown() }), request.body);
        const actor = requireActor(request);
        return changed(actor, await cases.updateAssessment(actor, id, body));
      });

      api.post('/cases/:id/case-log', async (request, reply) => {
        const { id } = parseOrThrow(idParams, request.params);
        const body = parseOrThrow(versioned.extend({ entry: z.unknown() }), request.body);
        const actor = requireActor(request);
        return reply.code(201).send(changed(actor, await cases.addCaseLogEntry(actor, id, body)));
      });

      api.get('/access-log', async (request) => {
        const query = parseOrThrow(accessLogQuery, request.query);
        return { entries: await cases.listAccessLog(requireActor(request), query) };
      });
    },
    { prefix: '/api' },
  );
}
