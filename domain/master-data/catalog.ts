/**
 * What the master-data kind reads: the types an admin or a schedule asks for, the mirror tables ("parts") each type
 * fills, and how each part learns of changes (SEMINE's seed 003 and docs/xledger-api.md §3, §9).
 */

/** The types of `--types` and of the schedules, with SEMINE's default intervals. */
export const MASTER_DATA_TYPES = ['suppliers', 'accounts', 'dimensions', 'currencies', 'vat-codes', 'fixed-assets', 'projects'] as const;
export type MasterDataType = (typeof MASTER_DATA_TYPES)[number];

/** One mirror table each; a type fills one or more (dimensions: the kinds and their values). */
export const MIRROR_PARTS = ['suppliers', 'accounts', 'dimension-kinds', 'dimension-values', 'currencies', 'vat-codes', 'fixed-assets', 'projects'] as const;
export type MirrorPart = (typeof MIRROR_PARTS)[number];

/**
 * How a part finds changes: `deltas` (supplier_deltas, 3-day retention, else a full read), `modified-since`
 * (modifiedAt_gte with a 15-minute overlap), or `full` (no change timestamp, or one that misses what the part shows).
 */
export type ChangeTracking = 'deltas' | 'modified-since' | 'full';

/** Column types a part's own columns have (besides the common ones: code, description, owner, modifiedAt …). */
export type MirrorColumnType = 'text' | 'bigint' | 'boolean' | 'jsonb';

export interface PartSpec {
  part: MirrorPart;
  table: string;
  tracking: ChangeTracking;
  /** The part's own mirror columns, in table order. */
  columns: Readonly<Record<string, MirrorColumnType>>;
}

export const PART_SPECS: Readonly<Record<MirrorPart, PartSpec>> = {
  suppliers: {
    part: 'suppliers',
    table: 'md_suppliers',
    tracking: 'deltas',
    columns: {
      company_number: 'text',
      email: 'text',
      phone: 'text',
      bank_account: 'text',
      street_address: 'text',
      zip_code: 'text',
      place: 'text',
      country_code: 'text',
      currency_code: 'text',
      pay_terms: 'text',
    },
  },
  accounts: {
    part: 'accounts',
    table: 'md_accounts',
    tracking: 'modified-since',
    columns: { posting: 'boolean', balance_sheet: 'boolean', revenue: 'boolean', cost: 'boolean', vat: 'boolean' },
  },
  // A handful of rows, and no modifiedAt filter on objectKinds: read whole.
  'dimension-kinds': { part: 'dimension-kinds', table: 'md_dimension_kinds', tracking: 'full', columns: {} },
  'dimension-values': {
    part: 'dimension-values',
    table: 'md_dimension_values',
    tracking: 'modified-since',
    columns: {
      object_kind_db_id: 'bigint',
      object_kind_name: 'text',
      date_from: 'text',
      date_to: 'text',
      posting: 'boolean',
      text1: 'text',
      text2: 'text',
    },
  },
  currencies: { part: 'currencies', table: 'md_currencies', tracking: 'full', columns: {} },
  // A rate starting or ending changes no modifiedAt, and the table is small: read whole.
  'vat-codes': {
    part: 'vat-codes',
    table: 'md_vat_codes',
    tracking: 'full',
    columns: { object_kind_db_id: 'bigint', rate_level: 'text', current_percent: 'text', rates: 'jsonb', date_from: 'text', date_to: 'text' },
  },
  'fixed-assets': {
    part: 'fixed-assets',
    table: 'md_fixed_assets',
    tracking: 'full',
    columns: {
      balance: 'text',
      date_from: 'text',
      date_to: 'text',
      date_purchased: 'text',
      allow_posting: 'boolean',
      asset_group_code: 'text',
      currency_code: 'text',
    },
  },
  // A manager's email changes in the employee table, not on the project: read whole.
  projects: {
    part: 'projects',
    table: 'md_projects',
    tracking: 'full',
    columns: { date_from: 'text', date_to: 'text', manager_employee_db_id: 'bigint', manager_email: 'text', manager_issue: 'text' },
  },
};

export const TYPE_PARTS: Readonly<Record<MasterDataType, readonly MirrorPart[]>> = {
  suppliers: ['suppliers'],
  accounts: ['accounts'],
  dimensions: ['dimension-kinds', 'dimension-values'],
  currencies: ['currencies'],
  'vat-codes': ['vat-codes'],
  'fixed-assets': ['fixed-assets'],
  projects: ['projects'],
};

/** SEMINE's default intervals, in minutes (projects: with the dimensions, hourly). */
export const TYPE_INTERVAL_MINUTES: Readonly<Record<MasterDataType, number>> = {
  suppliers: 30,
  accounts: 24 * 60,
  dimensions: 60,
  currencies: 24 * 60,
  'vat-codes': 24 * 60,
  'fixed-assets': 6 * 60,
  projects: 60,
};

export function isMasterDataType(value: string): value is MasterDataType {
  return (MASTER_DATA_TYPES as readonly string[]).includes(value);
}

export function isMirrorPart(value: string): value is MirrorPart {
  return (MIRROR_PARTS as readonly string[]).includes(value);
}

/**
 * The types of a `--types` list ("suppliers,accounts"), in catalog order, each once; all types when empty. An unknown
 * name is an error naming it and the known ones.
 */
export function parseTypeList(list: readonly string[] | string | undefined): MasterDataType[] {
  const names = (typeof list === 'string' ? list.split(',') : (list ?? [])).map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) return [...MASTER_DATA_TYPES];
  const unknown = names.filter((n) => !isMasterDataType(n));
  if (unknown.length > 0) throw new Error(`unknown master-data type(s) ${unknown.map((u) => `"${u}"`).join(', ')}; known: ${MASTER_DATA_TYPES.join(', ')}`);
  return MASTER_DATA_TYPES.filter((t) => names.includes(t));
}
