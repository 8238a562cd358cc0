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

/** What each part of the integration needs; the first block is Huma's published list. */
export interface ScopeRequirement {
  area: ScopeArea;
  read: boolean;
  write: boolean;
  /** Which part of the integration needs it (shown to admins). */
  usedFor: string;
}

export const INTEGRATION_SCOPES: readonly ScopeRequirement[] = [
  { area: 'Human Resources Employee', read: true, write: true, usedFor: 'employee sync' },
  { area: 'Common Address', read: true, write: false, usedFor: 'employee addresses' },
  { area: 'Common Contact', read: true, write: true, usedFor: 'employee names, email, phone, birthday' },
  { area: 'Common Company', read: true, write: false, usedFor: 'companies' },
  { area: 'Common Country', read: true, write: false, usedFor: 'countries' },
  { area: 'Common Object Value', read: true, write: false, usedFor: 'dimensions and VAT codes' },
  { area: 'Common Subledger', read: true, write: true, usedFor: 'employee subledger (bank account, email)' },
  { area: 'Common Supplier', read: true, write: true, usedFor: 'suppliers' },
  { area: 'Common System Value', read: true, write: false, usedFor: 'gender and other system values' },
  { area: 'General Ledger Bank', read: true, write: false, usedFor: 'bank accounts' },
  { area: 'General Ledger', read: true, write: false, usedFor: 'chart of accounts' },
  { area: 'Common Currency', read: true, write: false, usedFor: 'currencies' },
  { area: 'Fixed Assets', read: true, write: false, usedFor: 'fixed assets' },
  { area: 'Human Resources Absence', read: true, write: true, usedFor: 'absence sync' },
  { area: 'Accounts Receivable', read: true, write: true, usedFor: 'invoice and order export' },
  { area: 'Logistics Product', read: true, write: false, usedFor: 'products for invoice export' },
];

/** "Common Contact: read/write" — the wording an admin sees in the token dialog. */
export function describeScope(area: ScopeArea, access: { read: boolean; write: boolean }): string {
  const parts = [access.read ? 'read' : null, access.write ? 'write' : null].filter(Boolean);
  return `${area}: ${parts.join('/')}`;
}
