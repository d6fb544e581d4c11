import type { CustomField } from './types';

/** A custom field's settings unless it says otherwise: user-made, deletable, optional, no options. */
export const customFieldDefaults = () =>
  ({
    code: null,
    isPredefined: false,
    isDeletable: true,
    isApiOnly: false,
    isRequired: false,
    groupId: null,
    enums: null,
    requiredStatuses: [],
  }) satisfies Partial<CustomField>;
