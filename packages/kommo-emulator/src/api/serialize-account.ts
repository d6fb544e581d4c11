import type { AccountState } from '../model/account-state';
import { timezoneOffset } from '../model/dates';
import type { CustomField, Pipeline, Source, User } from '../model/types';

type Link = (path: string) => string;
const self = (link: Link, path: string) => ({ self: { href: link(path) } });

export function accountJson(state: AccountState, link: Link, include: Set<string>) {
  const a = state.account;
  const embedded: Record<string, unknown> = {};
  if (include.has('task_types')) {
    embedded.task_types = state.taskTypes.map((t) => ({
      id: t.id,
      name: t.name,
      color: t.color,
      icon_id: t.iconId,
      code: t.code,
    }));
  }
  if (include.has('users_groups')) {
    embedded.users_groups = state.groups.map((g) => ({ id: g.id, name: g.name, uuid: g.uuid }));
  }
  if (include.has('datetime_settings')) {
    embedded.datetime_settings = {
      date_pattern: 'd.m.Y H:i',
      short_date_pattern: 'd.m.Y',
      short_time_pattern: 'H:i',
      date_format: 'd.m.Y',
      time_format: 'H:i',
      timezone: a.timezone,
      timezone_offset: timezoneOffset(a.timezone),
    };
  }
  if (include.has('amojo_rights'))
    embedded.amojo_rights = { can_direct: true, can_create_groups: true };
  return {
    id: a.id,
    name: a.name,
    subdomain: a.subdomain,
    created_at: a.createdAt,
    created_by: a.currentUserId,
    updated_at: a.createdAt,
    updated_by: a.currentUserId,
    current_user_id: a.currentUserId,
    country: a.country,
    currency: a.currency,
    currency_symbol: a.currencySymbol,
    customers_mode: 'disabled',
    is_unsorted_on: true,
    is_loss_reason_enabled: true,
    is_helpbot_enabled: false,
    is_technical_account: false,
    contact_name_display_order: 1,
    mobile_feature_version: 0,
    ...(include.has('amojo_id') ? { amojo_id: a.amojoId } : {}),
    ...(include.has('uuid') ? { uuid: a.uuid } : {}),
    ...(include.has('version') ? { version: 11 } : {}),
    _links: self(link, '/account'),
    ...(Object.keys(embedded).length ? { _embedded: embedded } : {}),
  };
}

const FULL = { view: 'A', edit: 'A', add: 'A', delete: 'A', export: 'A' };
const OWN = { view: 'A', edit: 'M', add: 'A', delete: 'M', export: 'M' };

export function userJson(state: AccountState, user: User, link: Link, include: Set<string>) {
  const entity = user.isAdmin ? FULL : OWN;
  const embedded: Record<string, unknown> = {};
  if (include.has('role')) {
    const role = state.roles.find((r) => r.id === user.roleId);
    embedded.roles = role
      ? [{ id: role.id, name: role.name, _links: self(link, `/roles/${role.id}`) }]
      : [];
  }
  if (include.has('group')) {
    const group = state.groups.find((g) => g.id === user.groupId);
    embedded.groups = group ? [{ id: group.id, name: group.name }] : [];
  }
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    lang: user.lang,
    ...(include.has('uuid') ? { uuid: user.uuid } : {}),
    ...(include.has('amojo_id') ? { amojo_id: user.amojoId } : {}),
    rights: {
      leads: entity,
      contacts: entity,
      companies: entity,
      tasks: { edit: user.isAdmin ? 'A' : 'M', delete: user.isAdmin ? 'A' : 'M' },
      mail_access: true,
      catalog_access: true,
      files_access: true,
      status_rights: [],
      catalog_rights: null,
      custom_fields_rights: null,
      oper_day_reports_view_access: false,
      oper_day_user_tracking: false,
      is_admin: user.isAdmin,
      is_free: false,
      is_active: user.isActive,
      group_id: user.groupId || null,
      role_id: user.roleId,
    },
    _links: self(link, `/users/${user.id}`),
    ...(Object.keys(embedded).length ? { _embedded: embedded } : {}),
  };
}

export function pipelineJson(state: AccountState, p: Pipeline, link: Link) {
  return {
    id: p.id,
    name: p.name,
    sort: p.sort,
    is_main: p.isMain,
    is_unsorted_on: p.isUnsortedOn,
    is_archive: p.isArchive,
    account_id: state.account.id,
    _links: self(link, `/leads/pipelines/${p.id}`),
    _embedded: { statuses: p.statuses.map((s) => statusJson(state, p, s.id, link)) },
  };
}

export function statusJson(state: AccountState, p: Pipeline, statusId: number, link: Link) {
  const s = p.statuses.find((x) => x.id === statusId);
  if (!s) return null;
  return {
    id: s.id,
    name: s.name,
    sort: s.sort,
    is_editable: s.isEditable,
    pipeline_id: p.id,
    color: s.color,
    type: s.type,
    account_id: state.account.id,
    _links: self(link, `/leads/pipelines/${p.id}/statuses/${s.id}`),
  };
}

export function customFieldJson(state: AccountState, f: CustomField, link: Link) {
  return {
    id: f.id,
    name: f.name,
    type: f.type,
    account_id: state.account.id,
    code: f.code,
    sort: f.sort,
    is_api_only: f.isApiOnly,
    enums: f.enums ? f.enums.map((e) => ({ id: e.id, value: e.value, sort: e.sort })) : null,
    group_id: f.groupId,
    required_statuses: f.requiredStatuses.map((r) => ({
      status_id: r.statusId,
      pipeline_id: r.pipelineId,
    })),
    is_deletable: f.isDeletable,
    is_predefined: f.isPredefined,
    is_required: f.isRequired,
    entity_type: f.entityType,
    remind: f.type === 'date' || f.type === 'birthday' ? 'never' : null,
    triggers: [],
    currency: f.currency ?? null,
    hidden_statuses: [],
    chained_lists: null,
    search_in: null,
    settings: null,
    _links: self(link, `/${f.entityType}/custom_fields/${f.id}`),
  };
}

export function sourceJson(s: Source, link: Link) {
  return {
    id: s.id,
    name: s.name,
    pipeline_id: s.pipelineId,
    external_id: s.externalId,
    default: s.isDefault,
    origin_code: s.originCode,
    services: [],
    _links: self(link, `/sources/${s.id}`),
  };
}
