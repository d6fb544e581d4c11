import { z } from 'zod';
import { mirrorFieldsInput, mirrorInput } from '@leadpilot/schemas/integrations';
import {
  listMirroredFields,
  listMirroredPipelines,
  listMirroredSources,
  listMirroredUsers,
} from '@leadpilot/domain/sync/mirror-queries';
import { orgProcedure, router } from '../trpc';

/** The synced mirror of a Kommo account (read-only; Kommo is the system of record). */
export const kommoRouter = router({
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
    .output(
      z.array(
        z.object({
          kommoId: z.number(),
          name: z.string(),
          email: z.string().nullable(),
          isAdmin: z.boolean(),
          isActive: z.boolean(),
          mappedByHand: z.boolean(),
          user: z.object({ id: z.string(), name: z.string() }).nullable(),
        }),
      ),
    )
    .query(({ ctx, input }) => listMirroredUsers(ctx.scope, input.integrationId)),
});
