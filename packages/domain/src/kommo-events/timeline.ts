import type { OrgScope } from '../context';
import { notFound } from '../errors';
import { decodeCursor, encodeCursor } from '../pagination';

export type TimelineItem =
  | {
      kind: 'message';
      id: string;
      at: Date;
      direction: 'in' | 'out';
      origin: string | null;
      author: string | null;
      text: string;
      attachments: { type: string | null; link: string | null; fileName: string | null }[];
    }
  | {
      kind: 'call';
      id: string;
      at: Date;
      direction: 'in' | 'out';
      missed: boolean;
      durationSeconds: number;
      phone: string | null;
      recordingUrl: string | null;
      callbackTaskKommoId: number | null;
    }
  | { kind: 'note'; id: string; at: Date; noteType: string; text: string }
  | {
      kind: 'stage_change';
      id: string;
      at: Date;
      fromStage: string | null;
      toStage: string | null;
      toColor: string | null;
      by: string | null;
    }
  | {
      kind: 'task';
      id: string;
      at: Date;
      text: string;
      isCompleted: boolean;
      completeTill: Date | null;
      result: string | null;
      responsible: string | null;
    };

interface Row {
  kind: TimelineItem['kind'];
  id: string;
  at: Date;
  data: Record<string, unknown>;
}

/**
 * One lead's conversation timeline: chat messages, calls, notes, stage changes and tasks, newest
 * first, keyset-paged over (time, id) across the five sources.
 */
export async function leadTimeline(
  scope: OrgScope,
  input: { integrationId: string; leadId: number; cursor?: string | null; limit: number },
): Promise<{ items: TimelineItem[]; nextCursor: string | null }> {
  const integration = await scope.db.integration.findFirst({
    where: { id: input.integrationId, orgId: scope.orgId },
    select: { id: true },
  });
  if (!integration) throw notFound('Integration');
  const after = decodeCursor(input.cursor);
  const rows = await scope.db.$queryRaw<Row[]>`
    SELECT * FROM (
      SELECT 'message' AS kind, m.id::text AS id, m.sent_at AS at,
             jsonb_build_object('direction', m.direction, 'origin', m.origin, 'author', m.author_name,
                                'text', m.text, 'attachments', m.attachments) AS data
        FROM kommo_messages m
       WHERE m.integration_id = ${input.integrationId}::uuid AND m.lead_kommo_id = ${input.leadId}
      UNION ALL
      SELECT 'call', c.id::text, c.called_at,
             jsonb_build_object('direction', c.direction, 'missed', c.missed,
                                'durationSeconds', c.duration_seconds, 'phone', c.phone,
                                'recordingUrl', c.recording_url,
                                'callbackTaskKommoId', c.callback_task_kommo_id)
        FROM kommo_calls c
       WHERE c.integration_id = ${input.integrationId}::uuid AND c.lead_kommo_id = ${input.leadId}
      UNION ALL
      SELECT 'note', n.id::text, n.noted_at, jsonb_build_object('noteType', n.note_type, 'text', n.text)
        FROM kommo_notes n
       WHERE n.integration_id = ${input.integrationId}::uuid AND n.lead_kommo_id = ${input.leadId}
      UNION ALL
      SELECT 'stage_change', sc.id::text, sc.changed_at,
             jsonb_build_object('fromStage', fs.name, 'toStage', ts.name, 'toColor', ts.color,
                                'by', u.name)
        FROM kommo_lead_stage_changes sc
        LEFT JOIN kommo_stages fs ON fs.integration_id = sc.integration_id
             AND fs.kommo_id = sc.from_status_kommo_id
             AND fs.pipeline_kommo_id = coalesce(sc.from_pipeline_kommo_id, sc.to_pipeline_kommo_id)
        LEFT JOIN kommo_stages ts ON ts.integration_id = sc.integration_id
             AND ts.kommo_id = sc.to_status_kommo_id
             AND ts.pipeline_kommo_id = coalesce(sc.to_pipeline_kommo_id, sc.from_pipeline_kommo_id)
        LEFT JOIN kommo_users u ON u.integration_id = sc.integration_id
             AND u.kommo_id = sc.changed_by_kommo_id
       WHERE sc.integration_id = ${input.integrationId}::uuid AND sc.lead_kommo_id = ${input.leadId}
      UNION ALL
      SELECT 'task', t.id::text, t.kommo_created_at,
             jsonb_build_object('text', t.text, 'isCompleted', t.is_completed,
                                'completeTill', t.complete_till, 'result', t.result_text,
                                'responsible', u.name)
        FROM kommo_tasks t
        LEFT JOIN kommo_users u ON u.integration_id = t.integration_id
             AND u.kommo_id = t.responsible_kommo_id
       WHERE t.integration_id = ${input.integrationId}::uuid AND t.entity_type = 'leads'
         AND t.entity_kommo_id = ${input.leadId} AND t.removed_at IS NULL
    ) items
    WHERE ${after === null}::boolean
       OR (items.at, items.id) < (${after?.createdAt ?? new Date(0)}::timestamptz, ${after?.id ?? ''})
    ORDER BY items.at DESC, items.id DESC
    LIMIT ${input.limit + 1}`;
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toItem(r)),
    nextCursor:
      rows.length > input.limit && last ? encodeCursor({ createdAt: last.at, id: last.id }) : null,
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);

function toItem(r: Row): TimelineItem {
  const d = r.data;
  const base = { id: r.id, at: r.at };
  switch (r.kind) {
    case 'message':
      return {
        ...base,
        kind: 'message',
        direction: d.direction === 'out' ? 'out' : 'in',
        origin: str(d.origin),
        author: str(d.author),
        text: str(d.text) ?? '',
        attachments: Array.isArray(d.attachments)
          ? d.attachments.map((a: Record<string, unknown>) => ({
              type: str(a.type),
              link: str(a.link),
              fileName: str(a.fileName),
            }))
          : [],
      };
    case 'call':
      return {
        ...base,
        kind: 'call',
        direction: d.direction === 'out' ? 'out' : 'in',
        missed: d.missed === true,
        durationSeconds: num(d.durationSeconds) ?? 0,
        phone: str(d.phone),
        recordingUrl: str(d.recordingUrl),
        callbackTaskKommoId: num(d.callbackTaskKommoId),
      };
    case 'note':
      return {
        ...base,
        kind: 'note',
        noteType: str(d.noteType) ?? 'common',
        text: str(d.text) ?? '',
      };
    case 'stage_change':
      return {
        ...base,
        kind: 'stage_change',
        fromStage: str(d.fromStage),
        toStage: str(d.toStage),
        toColor: str(d.toColor),
        by: str(d.by),
      };
    case 'task':
      return {
        ...base,
        kind: 'task',
        text: str(d.text) ?? '',
        isCompleted: d.isCompleted === true,
        completeTill: str(d.completeTill) ? new Date(str(d.completeTill)!) : null,
        result: str(d.result),
        responsible: str(d.responsible),
      };
  }
}
