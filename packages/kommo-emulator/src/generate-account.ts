import {
  BASE,
  DAY,
  FIRST_NAMES,
  LAST_NAMES,
  generateContactFields,
  generateLeadFields,
  generatePipelines,
  generateSources,
  generateUsers,
  generatedFieldValue,
} from './generate/generated-config';
import type { AccountFixture } from './model/fixture';
import type { Company, Contact, Lead, StoredCustomFieldValues, Task } from './model/types';
import { seededRandom } from './random';

export interface GenerateSpec {
  pipelines: number;
  stagesPerPipeline: number;
  customFields: number;
  sources: number;
  users: number;
  leads: number;
  contacts: number;
  companies?: number;
  tasks?: number;
  seed?: number;
}

/**
 * A synthetic account of any size for benchmarks: deterministic (seeded, fixed clock), built in
 * one pass into preallocated arrays — 50,000 leads and 50,000 contacts in about a second.
 */
export function generateAccount(spec: GenerateSpec): AccountFixture {
  const rand = seededRandom(spec.seed ?? 1);
  const int = (n: number) => Math.floor(rand() * n);
  const users = generateUsers(spec.users);
  const userAt = (i: number) => users[i % users.length]?.id ?? 9_000_001;
  const admin = userAt(0);
  const pipelines = generatePipelines(spec.pipelines, spec.stagesPerPipeline);
  const stages = pipelines.flatMap((p) =>
    p.statuses.filter((s) => s.type === 0).map((s) => [p.id, s.id] as const),
  );
  const leadFields = generateLeadFields(spec.customFields);
  const { phone, email } = generateContactFields();
  const sources = generateSources(spec.sources, pipelines);
  const companyCount = spec.companies ?? 0;
  const companyAt = (i: number) => (companyCount ? 12_000_001 + (i % companyCount) : null);
  const owned = (i: number, at: number) => ({
    responsibleUserId: userAt(i),
    groupId: 0,
    createdBy: admin,
    updatedBy: admin,
    createdAt: at,
    closestTaskAt: null,
    isDeleted: false,
    tagIds: [],
  });

  const companies: Company[] = new Array(companyCount);
  for (let i = 0; i < companyCount; i++) {
    const at = BASE - int(365) * DAY;
    companies[i] = {
      ...owned(i, at),
      id: 12_000_001 + i,
      name: `Company ${i + 1}`,
      updatedAt: at + int(DAY),
      customFields: [],
    };
  }

  const contacts: Contact[] = new Array(spec.contacts);
  for (let i = 0; i < spec.contacts; i++) {
    const first = FIRST_NAMES[int(FIRST_NAMES.length)] ?? 'Anna';
    const last = LAST_NAMES[int(LAST_NAMES.length)] ?? 'Smith';
    const at = BASE - int(365) * DAY - int(DAY);
    contacts[i] = {
      ...owned(i, at),
      id: 11_000_001 + i,
      name: `${first} ${last}`,
      firstName: first,
      lastName: last,
      updatedAt: at + int(30 * DAY),
      isUnsorted: false,
      customFields: [
        {
          fieldId: phone.id,
          values: [
            {
              value: `+1 555 ${String(1_000_000 + i).slice(1)}`,
              enumId: phone.id * 10 + 2,
              enumCode: 'MOB',
            },
          ],
        },
        {
          fieldId: email.id,
          values: [
            { value: `contact${i + 1}@generated.example`, enumId: email.id * 10, enumCode: 'WORK' },
          ],
        },
      ],
      companyId: companyAt(i),
    };
  }

  const leads: Lead[] = new Array(spec.leads);
  for (let i = 0; i < spec.leads; i++) {
    const [pipelineId, statusId] = stages[int(stages.length)] ?? [8_000_001, 142];
    const at = BASE - int(365) * DAY - int(DAY);
    const contactId = spec.contacts ? 11_000_001 + (i % spec.contacts) : null;
    const customFields: StoredCustomFieldValues[] = [];
    // Each lead fills a dozen of the fields, deterministically, as real leads do (accounts have
    // hundreds of fields, a lead uses a few): payloads keep Kommo's realistic size.
    for (let k = 0; k < Math.min(12, leadFields.length); k++) {
      const f = leadFields[(i * 7 + k * 13) % leadFields.length]!;
      const value = customFields.some((c) => c.fieldId === f.id) ? null : generatedFieldValue(f, i);
      if (value) customFields.push(value);
    }
    const closed = statusId === 142 || statusId === 143;
    leads[i] = {
      ...owned(i, at),
      id: 21_000_001 + i,
      name: `Lead ${i + 1}`,
      price: int(100) * 1000,
      statusId,
      pipelineId,
      lossReasonId: null,
      updatedAt: at + int(60 * DAY),
      closedAt: closed ? at + DAY : null,
      customFields,
      score: null,
      sourceId: sources.length ? (sources[i % sources.length]?.id ?? null) : null,
      contactIds: contactId ? [contactId] : [],
      mainContactId: contactId,
      companyId: companyAt(i),
    };
  }

  const taskCount = spec.tasks ?? 0;
  const tasks: Task[] = new Array(taskCount);
  for (let i = 0; i < taskCount; i++) {
    const lead = leads[i % Math.max(1, leads.length)];
    const completeTill = BASE + (int(30) - 10) * DAY;
    const isCompleted = i % 5 === 0;
    tasks[i] = {
      id: 4_000_001 + i,
      createdBy: admin,
      updatedBy: admin,
      createdAt: BASE - DAY,
      updatedAt: BASE - DAY,
      responsibleUserId: userAt(i),
      groupId: 0,
      entityId: lead?.id ?? null,
      entityType: lead ? 'leads' : null,
      duration: 0,
      isCompleted,
      taskTypeId: 1 + (i % 2),
      text: `Task ${i + 1}`,
      result: null,
      completeTill,
    };
    if (lead && !isCompleted)
      lead.closestTaskAt = Math.min(lead.closestTaskAt ?? Infinity, completeTill);
  }

  return {
    account: {
      id: 30_000_001,
      name: 'Generated account',
      subdomain: 'generated',
      amojoId: '6a0f4b1e-0000-4000-8000-000030000001',
      uuid: '6a0f4b1e-0000-4000-8000-000000000001',
      country: 'US',
      currency: 'USD',
      currencySymbol: '$',
      createdAt: BASE - 400 * DAY,
      currentUserId: admin,
      timezone: 'UTC',
      language: 'en',
    },
    users,
    groups: [{ id: 0, name: 'Sales', uuid: null }],
    roles: [],
    taskTypes: [
      { id: 1, name: 'Follow-up', code: 'FOLLOW_UP', color: null, iconId: null },
      { id: 2, name: 'Meeting', code: 'MEETING', color: null, iconId: null },
    ],
    pipelines,
    customFields: [...leadFields, phone, email],
    sources,
    tags: { leads: [], contacts: [], companies: [] },
    leads,
    contacts,
    companies,
    tasks,
    notes: [],
    webhooks: [],
    lossReasons: [],
  };
}
