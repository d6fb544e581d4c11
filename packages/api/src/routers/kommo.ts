import { z } from 'zod';
import {
  mirrorFieldsInput,
  mirrorInput,
  mirrorLeadInput,
  mirrorLeadsInput,
  mirrorMapUserInput,
  leadTimelineInput,
} from '@leadpilot/schemas/integrations';
import {
  getMirroredLead,
  listMirroredLeads,
  listMirroredFields,
  listMirroredPipelines,
  listMirroredSources,
  listMirroredUsers,
  mapMirroredUser,
} from '@leadpilot/domain/sync/mirror-queries';
import { leadTimeline } from '@leadpilot/domain/kommo-events/timeline';
import { orgProcedure, router } from '../trpc';

const userRefOut = z.object({ kommoId: z.number(), name: z.string() });
const leadOutput = z.object({
  kommoId: z.number(),
  name: z.string(),
  price: z.number().nullable(),
  pipelineKommoId: z.number().nullable(),
  statusKommoId: z.number().nullable(),
  stage: z.object({ name: z.string(), color: z.string() }).nullable(),
  responsible: userRefOut.nullable(),
  kommoUpdatedAt: z.date(),
});

const timelineItemOutput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('message'),
    id: z.string(),
    at: z.date(),
    direction: z.enum(['in', 'out']),
    origin: z.string().nullable(),
    author: z.string().nullable(),
    text: z.string(),
    attachments: z.array(
      z.object({
        type: z.string().nullable(),
        link: z.string().nullable(),
        fileName: z.string().nullable(),
      }),
    ),
  }),
  z.object({
    kind: z.literal('call'),
    id: z.string(),
    at: z.date(),
    direction: z.enum(['in', 'out']),
    missed: z.boolean(),
    durationSeconds: z.number(),
    phone: z.string().nullable(),
    recordingUrl: z.string().nullable(),
    callbackTaskKommoId: z.number().nullable(),
  }),
  z.object({
    kind: z.literal('note'),
    id: z.string(),
    at: z.date(),
    noteType: z.string(),
    text: z.string(),
  }),
  z.object({
    kind: z.literal('stage_change'),
    id: z.string(),
    at: z.date(),
    fromStage: z.string().nullable(),
    toStage: z.string().nullable(),
    toColor: z.string().nullable(),
    by: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('task'),
    id: z.string(),
    at: z.date(),
    text: z.string(),
    isCompleted: z.boolean(),
    completeTill: z.date().nullable(),
    result: z.string().nullable(),
    responsible: z.string().nullable(),
  }),
]);

const kommoUserOutput = z.object({
  kommoId: z.number(),
  name: z.string(),
  email: z.string().nullable(),
  isAdmin: z.boolean(),
  isActive: z.boolean(),
  mappedByHand: z.boolean(),
  user: z.object({ id: z.string(), name: z.string() }).nullable(),
});

/** The synced mirror of a Kommo account (read-only but for the user mapping; Kommo is the system of record). */
export const kommoRouter = router({
  leads: orgProcedure
    .input(mirrorLeadsInput)
    .output(z.object({ items: z.array(leadOutput), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listMirroredLeads(ctx.scope, input)),

  lead: orgProcedure
    .input(mirrorLeadInput)
    .output(
      leadOutput.extend({
        contacts: z.array(
          z.object({
            kommoId: z.number(),
            name: z.string(),
            phones: z.array(z.string()),
            emails: z.array(z.string()),
          }),
        ),
        tasks: z.array(
          z.object({
            kommoId: z.number(),
            text: z.string(),
            completeTill: z.date().nullable(),
            isCompleted: z.boolean(),
            responsible: userRefOut.nullable(),
          }),
        ),
      }),
    )
    .query(({ ctx, input }) => getMirroredLead(ctx.scope, input)),

  /** A lead's conversation timeline: messages, calls, notes, stage changes, tasks (newest first). */
  timeline: orgProcedure
    .input(leadTimelineInput)
    .output(z.object({ items: z.array(timelineItemOutput), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => leadTimeline(ctx.scope, input)),

  pipelines: orgProcedure
    .input(mirrorInput)
    .output(
      z.array(
        z.object({
          kommoId: z.number(),
          name: z.string(),
          isMain: z.boolean(),
          isArchive: z.boolean(),
          stages: z.array(
            z.object({
              kommoId: z.number(),
              name: z.string(),
              color: z.string(),
              type: z.number(),
              sort: z.number(),
              isEditable: z.boolean(),
            }),
          ),
        }),
      ),
    )
    .query(({ ctx, input }) => listMirroredPipelines(ctx.scope, input.integrationId)),

  fields: orgProcedure
    .input(mirrorFieldsInput)
    .output(
      z.array(
        z.object({
          kommoId: z.number(),
          name: z.string(),
          code: z.string().nullable(),
          type: z.string(),
          isRequired: z.boolean(),
          isApiOnly: z.boolean(),
          enums: z.array(z.object({ id: z.number(), value: z.string(), sort: z.number() })),
        }),
      ),
    )
    .query(({ ctx, input }) => listMirroredFields(ctx.scope, input.integrationId, input.entity)),

  sources: orgProcedure
    .input(mirrorInput)
    .output(
      z.array(
        z.object({
          kommoId: z.number(),
          name: z.string(),
          pipelineKommoId: z.number().nullable(),
          originCode: z.string().nullable(),
          isDefault: z.boolean(),
        }),
      ),
    )
    .query(({ ctx, input }) => listMirroredSources(ctx.scope, input.integrationId)),

  users: orgProcedure
    .input(mirrorInput)
    .output(z.array(kommoUserOutput))
    .query(({ ctx, input }) => listMirroredUsers(ctx.scope, input.integrationId)),

  /** Admins: map a Kommo user to a teammate, to nobody, or back to the email match ('auto'). */
  mapUser: orgProcedure
    .input(mirrorMapUserInput)
    .output(kommoUserOutput)
    .mutation(({ ctx, input }) => mapMirroredUser(ctx.scope, input)),
});
