import type { XledgerClient } from './client/client';
import { XledgerAuthError, XledgerScopeError } from './client/errors';
import type { AnyOperation, Connection, ListOperation } from './client/operations';
import type { EmployeeBasic } from './client/schemas';
import { Ops, ProbeOps } from './client/operations';
import type { ScopeArea, ScopeRequirement } from './scopes';
import { INTEGRATION_SCOPES, describeScope } from './scopes';

/**
 * `ok` works; `missing` the token lacks the scope; `unverified` could not be told (no data to read through,
 * or a parent scope is missing); `error` another failure (see detail); `not-needed` not required.
 */
export type ProbeStatus = 'ok' | 'missing' | 'unverified' | 'error' | 'not-needed';

export interface AreaProbe {
  area: ScopeArea;
  needs: { read: boolean; write: boolean };
  read: ProbeStatus;
  write: ProbeStatus;
  detail?: string;
}

export interface ProbeReport {
  ok: boolean;
  ownerDbId?: number;
  /** Set when the token itself is rejected; no area was probed then. */
  authError?: string;
  areas: AreaProbe[];
  /** Missing scopes as an admin sees them in Xledger's token dialog, e.g. "Common Contact: write". */
  missing: string[];
}

/**
 * Read probe per area. Nested ones need the parent area too and data to read through. Countries and
 * currencies are shared master data, so their owner says nothing about the token's entity.
 */
const READ_PROBES: Record<ScopeArea, { op: ListOperation<unknown, unknown>; parent?: ScopeArea; shared?: boolean }> = {
  'Human Resources Employee': { op: ProbeOps.employees },
  'Human Resources Absence': { op: ProbeOps.absenceCodes },
  'Common Address': { op: ProbeOps.address, parent: 'Common Contact' },
  'Common Contact': { op: ProbeOps.contacts },
  'Common Company': { op: ProbeOps.companies },
  'Common Country': { op: ProbeOps.countries, shared: true },
  'Common Currency': { op: ProbeOps.currencies, shared: true },
  'Common Object Value': { op: ProbeOps.objectValues },
  'Common Subledger': { op: ProbeOps.subledgers },
  'Common Supplier': { op: ProbeOps.suppliers },
  'Common System Value': { op: ProbeOps.systemValue, parent: 'Common Contact' },
  'General Ledger': { op: ProbeOps.accounts },
  'General Ledger Bank': { op: ProbeOps.bank, parent: 'Common Subledger' },
  'Accounts Receivable': { op: ProbeOps.salesOrders },
  'Fixed Assets': { op: ProbeOps.assets },
  'Logistics Product': { op: ProbeOps.products },
};

/**
 * Write probes send a mutation with an EMPTY input list: the server checks the scope and changes nothing
 * (the fake returns `edges: null`). Against the real API the empty-list behaviour is unconfirmed; any
 * answer other than a scope error counts as "not missing".
 */
const WRITE_PROBES: Partial<Record<ScopeArea, AnyOperation>> = {
  'Human Resources Employee': Ops.updateEmployees,
  'Human Resources Absence': Ops.updateAbsences,
  'Common Contact': Ops.updateContacts,
  'Common Subledger': Ops.updateSubledgers,
  'Common Supplier': Ops.updateSuppliers,
  'Accounts Receivable': Ops.addInvoiceBaseItems,
};

type Outcome = { status: ProbeStatus; detail?: string; rows?: number; ownerDbId?: number };

function scopeFailure(err: unknown, area: ScopeArea, parent?: ScopeArea): Outcome | undefined {
  if (!(err instanceof XledgerScopeError)) return undefined;
  if (err.scope === undefined || err.scope === area) return { status: 'missing', detail: err.message };
  if (parent && err.scope === parent) return { status: 'unverified', detail: `needs ${parent} read to check` };
  return { status: 'unverified', detail: err.message };
}

async function probeRead(client: XledgerClient, area: ScopeArea): Promise<Outcome> {
  const { op, parent, shared } = READ_PROBES[area];
  try {
    const conn = (await client.execute(op, { first: 1 })) as Connection<unknown>;
    const rows = conn.edges?.length ?? 0;
    if (parent && rows === 0) return { status: 'unverified', detail: `no ${parent} record to read through`, rows };
    const node = conn.edges?.[0]?.node as { ownerDbId?: number | null } | undefined;
    return { status: 'ok', rows, ...(!shared && typeof node?.ownerDbId === 'number' ? { ownerDbId: node.ownerDbId } : {}) };
  } catch (err) {
    if (err instanceof XledgerAuthError) throw err;
    return scopeFailure(err, area, parent) ?? { status: 'error', detail: err instanceof Error ? err.message : String(err) };
  }
}

async function probeWrite(client: XledgerClient, area: ScopeArea): Promise<Outcome> {
  const op = WRITE_PROBES[area];
  if (!op) return { status: 'unverified', detail: 'no side-effect-free write probe for this area' };
  try {
    await client.execute(op, { inputs: [] });
    return { status: 'ok' };
  } catch (err) {
    if (err instanceof XledgerAuthError) throw err;
    return scopeFailure(err, area) ?? { status: 'error', detail: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Check a token: can it read employees, and does it carry each scope the integration needs?
 * Probes run one after another (Xledger limits concurrency); roughly one request per needed access.
 */
export async function probeConnection(client: XledgerClient, options: { requirements?: readonly ScopeRequirement[] } = {}): Promise<ProbeReport> {
  const requirements = options.requirements ?? INTEGRATION_SCOPES;
  const areas: AreaProbe[] = [];
  let ownerDbId: number | undefined;
  try {
    // Owner entity from a real employee row (the first page of employees is what a sync reads first).
    const page = await client.execute(Ops.listEmployeesBasic, { first: 1 }).catch((err: unknown) => {
      if (err instanceof XledgerAuthError) throw err;
      return undefined;
    });
    const first = page ? (page as Connection<EmployeeBasic>).edges?.[0]?.node : undefined;
    if (typeof first?.ownerDbId === 'number') ownerDbId = first.ownerDbId;

    for (const req of requirements) {
      const read = req.read ? await probeRead(client, req.area) : ({ status: 'not-needed' } as Outcome);
      const write = req.write ? await probeWrite(client, req.area) : ({ status: 'not-needed' } as Outcome);
      ownerDbId ??= read.ownerDbId;
      const detail = [read.detail, write.detail].filter(Boolean).join('; ');
      areas.push({
        area: req.area,
        needs: { read: req.read, write: req.write },
        read: read.status,
        write: write.status,
        ...(detail ? { detail } : {}),
      });
    }
  } catch (err) {
    if (err instanceof XledgerAuthError) {
      return { ok: false, authError: err.message, areas: [], missing: [] };
    }
    throw err;
  }
  const missing = areas
    .map((a) => ({ area: a.area, read: a.read === 'missing', write: a.write === 'missing' }))
    .filter((m) => m.read || m.write)
    .map((m) => describeScope(m.area, m));
  const failed = areas.some((a) => a.read === 'error' || a.write === 'error');
  return { ok: missing.length === 0 && !failed, ...(ownerDbId !== undefined ? { ownerDbId } : {}), areas, missing };
}
