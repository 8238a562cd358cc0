/**
 * Token scope areas, named as in Xledger's token UI (Administration → System Access → GraphQL → API tokens).
 * Names marked "assumed" in xledger/fake/README.md are not confirmed by a public source.
 */
export const SCOPE_AREAS = [
  'Human Resources Employee',
  'Human Resources Absence',
  'Common Address',
  'Common Contact',
  'Common Company',
  'Common Country',
  'Common Currency',
  'Common Object Value',
  'Common Subledger',
  'Common Supplier',
  'Common System Value',
  'General Ledger',
  'General Ledger Bank',
  'Accounts Receivable',
  'Fixed Assets',
  'Logistics Product',
] as const;

export type ScopeArea = (typeof SCOPE_AREAS)[number];
export type Access = 'read' | 'write';

export function isScopeArea(value: string): value is ScopeArea {
  return (SCOPE_AREAS as readonly string[]).includes(value);
}

/** The parts of the integration a token can be checked for (`xsync connections test NAME --for employees`). */
export const INTEGRATION_PARTS = ['employees', 'absences', 'master-data', 'invoices'] as const;
export type IntegrationPart = (typeof INTEGRATION_PARTS)[number];

export function isIntegrationPart(value: string): value is IntegrationPart {
  return (INTEGRATION_PARTS as readonly string[]).includes(value);
}

/** What each part of the integration needs; the first block is Huma's published list. */
export interface ScopeRequirement {
  area: ScopeArea;
  read: boolean;
  write: boolean;
  /** Which part of the integration needs it. */
  part: IntegrationPart;
  /** What it is used for (shown to admins). */
  usedFor: string;
}

export const INTEGRATION_SCOPES: readonly ScopeRequirement[] = [
  { area: 'Human Resources Employee', read: true, write: true, part: 'employees', usedFor: 'employee sync' },
  { area: 'Common Address', read: true, write: false, part: 'employees', usedFor: 'employee addresses' },
  { area: 'Common Contact', read: true, write: true, part: 'employees', usedFor: 'employee names, email, phone, birthday' },
  { area: 'Common Company', read: true, write: false, part: 'master-data', usedFor: 'companies' },
  { area: 'Common Country', read: true, write: false, part: 'employees', usedFor: 'countries' },
  { area: 'Common Object Value', read: true, write: false, part: 'master-data', usedFor: 'dimensions and VAT codes' },
  { area: 'Common Subledger', read: true, write: true, part: 'employees', usedFor: 'employee subledger (bank account, email)' },
  { area: 'Common Supplier', read: true, write: true, part: 'master-data', usedFor: 'suppliers' },
  { area: 'Common System Value', read: true, write: false, part: 'employees', usedFor: 'gender and other system values' },
  { area: 'General Ledger Bank', read: true, write: false, part: 'master-data', usedFor: 'bank accounts' },
  { area: 'General Ledger', read: true, write: false, part: 'master-data', usedFor: 'chart of accounts' },
  { area: 'Common Currency', read: true, write: false, part: 'master-data', usedFor: 'currencies' },
  { area: 'Fixed Assets', read: true, write: false, part: 'master-data', usedFor: 'fixed assets' },
  { area: 'Human Resources Absence', read: true, write: true, part: 'absences', usedFor: 'absence sync' },
  { area: 'Accounts Receivable', read: true, write: true, part: 'invoices', usedFor: 'invoice and order export' },
  { area: 'Logistics Product', read: true, write: false, part: 'invoices', usedFor: 'products for invoice export' },
];

/** The requirements of the given parts (all of them when none is given), in INTEGRATION_SCOPES order. */
export function requirementsFor(parts: readonly IntegrationPart[] = []): ScopeRequirement[] {
  return INTEGRATION_SCOPES.filter((r) => parts.length === 0 || parts.includes(r.part));
}

/** "Common Contact: read/write" — the wording an admin sees in the token dialog. */
export function describeScope(area: ScopeArea, access: { read: boolean; write: boolean }): string {
  const parts = [access.read ? 'read' : null, access.write ? 'write' : null].filter(Boolean);
  return `${area}: ${parts.join('/')}`;
}
