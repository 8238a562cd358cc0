import { parseKeyring } from '../../db/secrets/keyring';
import { createPersonalHasher } from '../../db/secrets/personal-hasher';
import { createLinksStore } from '../../db/employees/links-store';
import { chunk } from '../../domain/shared/collections';
/**
 * The benchmark's baseline: the same employee sync as the durable workflow, as a plain script.
 * Read HR, read Xledger, match and diff through the same mapping table (the domain's buildSyncPlan),
 * apply the same writes in batches of 500 nodes through the same Xledger client. No Temporal, no
 * staging tables, no per-employee history, no run bookkeeping: the cost of the work itself.
 *
 * It reads the link table (employee_links: the sync's memory of matches and last-synced values) but
 * never writes it, so the durable run that follows on the same data plans exactly the same writes.
 *
 * Runs in a child process of its own (like the worker), so neither shares a thread with the fake Xledger.
 * Protocol: the parent sends {type:'run', args}; the child answers {type:'result', result} or {type:'error'}.
 */
import type { Knex } from 'knex';
import { parseConnectionSettings, type ConnectionSettings } from '../../config/connection-settings';
import { createHrStore } from '../../hr/hr-store';
import { createDb } from '../../db/knex';
import {
  applyDecisions,
  buildAddEmployeeInputs,
  buildSyncPlan,
  buildXledgerUpdateInputs,
  validateHrEmployee,
  type EmployeeLink,
  type XledgerEmployeeCreate,
  type XledgerEmployeeUpdate,
} from '../../domain';
import { requiredFieldsOf, syncPolicyOf } from '../../activities/employees/connection-policy';
import { toEmployeeSnapshot } from '../../activities/employees/xledger-employee-snapshot';
import { createXledgerClient, MAX_BULK_NODES, MAX_PAGE_SIZE, type Employee, type XledgerClient } from '../../xledger';

export interface BaselineArgs {
  databaseUrl: string;
  xledgerUrl: string;
  token: string;
  ownerDbId: number;
  connectionId: number;
  settings: unknown;
  today: string;
  /** To read the personal numbers' keyed hashes in the baselines, as the worker does. */
  secretKey: string;
}

export type MutationKind = 'addEmployees' | 'updateEmployees' | 'updateContacts' | 'updateSubledgers';

export interface BaselineResult {
  wallMs: number;
  phasesMs: { readHr: number; readXledger: number; plan: number; write: number };
  hrRows: number;
  xledgerEmployees: number;
  byClassification: Record<string, number>;
  creates: number;
  updates: number;
  /** Nodes the work needs per mutation kind (each sent exactly once). */
  nodes: Record<MutationKind, number>;
  /** Requests this script sent per mutation kind. */
  writeRequests: Record<MutationKind, number>;
  rss: number;
}

const refsOf = (node: Employee) => ({
  dbId: node.dbId,
  code: node.code ?? null,
  contactDbId: node.contact?.dbId ?? node.contactDbId ?? null,
  subledgerDbId: node.subledger?.dbId ?? null,
});

type AnyWriter = (inputs: readonly { clientId: string; node: unknown }[]) => Promise<Array<{ clientId: string; node: unknown }>>;

/** The plain sync itself, on a database handle and an Xledger client the caller owns. */
export async function syncPlainly(
  db: Knex,
  client: XledgerClient,
  o: { ownerDbId: number; connectionId: number; settings: ConnectionSettings; today: string; secretKey: string },
): Promise<Omit<BaselineResult, 'rss'>> {
  const nodes: Record<MutationKind, number> = { addEmployees: 0, updateEmployees: 0, updateContacts: 0, updateSubledgers: 0 };
  const writeRequests: Record<MutationKind, number> = { addEmployees: 0, updateEmployees: 0, updateContacts: 0, updateSubledgers: 0 };
  const send = async (kind: MutationKind, write: AnyWriter, inputs: readonly { clientId: string; node: unknown }[]) => {
    const out: Array<{ clientId: string; node: unknown }> = [];
    for (const part of chunk(inputs, MAX_BULK_NODES)) {
      nodes[kind] += part.length;
      writeRequests[kind] += 1;
      out.push(...(await write(part)));
    }
    return out;
  };
  const sendUpdates = async (updates: readonly XledgerEmployeeUpdate[]) => {
    const inputs = buildXledgerUpdateInputs(updates);
    await send('updateEmployees', client.employees.update as unknown as AnyWriter, inputs.updateEmployees);
    await send('updateContacts', client.contacts.update as unknown as AnyWriter, inputs.updateContacts);
    await send('updateSubledgers', client.subledgers.update as unknown as AnyWriter, inputs.updateSubledgers);
  };

  const t0 = performance.now();
  const [hrRaw, links] = await Promise.all([createHrStore(db).listInScope(o.settings.employees.scope), createLinksStore(db).allWithBaselines(o.connectionId)]);
  const t1 = performance.now();
  const xledgerNodes = await client.employees.all({ pageSize: MAX_PAGE_SIZE, filter: { ownerDbId: o.ownerDbId } });
  const xledger = xledgerNodes.map(toEmployeeSnapshot);
  const t2 = performance.now();

  const requiredFields = requiredFieldsOf(o.settings.employees);
  const policy = syncPolicyOf(o.settings.employees);
  const hrRows = hrRaw.map((raw) => validateHrEmployee(raw, { requiredFields, today: o.today }));
  const plan = buildSyncPlan({
    hrRows,
    xledger,
    links: links.map((l): EmployeeLink => ({ hrEmployeeNumber: l.hrEmployeeNumber, xledgerDbId: l.xledgerDbId })),
    baselines: Object.fromEntries(links.map((l) => [l.hrEmployeeNumber, l.baseline])),
    policy,
    today: o.today,
    requiredFields,
    hasher: createPersonalHasher(parseKeyring(o.secretKey)),
  });
  const writes = applyDecisions(plan.employees, [], { policy });
  const t3 = performance.now();

  for (const part of chunk(writes.xledgerCreates, MAX_BULK_NODES)) {
    const byNumber = new Map<string, XledgerEmployeeCreate>(part.map((c) => [c.employeeNumber, c]));
    const { addEmployees, afterCreate } = buildAddEmployeeInputs(part);
    const added = await send('addEmployees', client.employees.add as unknown as AnyWriter, addEmployees);
    const created = new Map(added.map((r) => [r.clientId, r.node as Employee]));
    const follow = afterCreate.filter((a) => created.has(a.employeeNumber) && a.changes.length > 0);
    if (follow.length) {
      await sendUpdates(
        follow.map((a) => ({
          employeeNumber: a.employeeNumber,
          xledger: refsOf(created.get(a.employeeNumber)!),
          changes: a.changes,
          current: byNumber.get(a.employeeNumber)!.values,
        })),
      );
    }
  }
  for (const part of chunk(writes.xledgerUpdates, MAX_BULK_NODES)) await sendUpdates(part);
  const t4 = performance.now();

  return {
    wallMs: t4 - t0,
    phasesMs: { readHr: t1 - t0, readXledger: t2 - t1, plan: t3 - t2, write: t4 - t3 },
    hrRows: hrRaw.length,
    xledgerEmployees: xledger.length,
    byClassification: plan.summary,
    creates: writes.xledgerCreates.length,
    updates: writes.xledgerUpdates.length,
    nodes,
    writeRequests,
  };
}

/** One baseline run with fresh connections (the child process's handler). */
export async function runBaseline(args: BaselineArgs): Promise<BaselineResult> {
  const db = createDb(args.databaseUrl);
  // A plain script has no Temporal to retry for it: the client's own patient in-process retries (production defaults).
  const client = createXledgerClient({ url: args.xledgerUrl, token: args.token });
  try {
    await db.raw('select 1'); // connect before the clock starts, as the worker's pool already is
    const result = await syncPlainly(db, client, {
      ownerDbId: args.ownerDbId,
      connectionId: args.connectionId,
      settings: parseConnectionSettings(args.settings),
      today: args.today,
      secretKey: args.secretKey,
    });
    return { ...result, rss: process.memoryUsage().rss };
  } finally {
    await db.destroy();
  }
}

export type ToBaseline = { type: 'run'; args: BaselineArgs } | { type: 'stop' };
export type FromBaseline = { type: 'ready' } | { type: 'result'; result: BaselineResult } | { type: 'error'; message: string };

if (require.main === module) {
  if (!process.send) {
    process.stderr.write('baseline.ts is started by scripts/bench.ts (it needs an IPC channel)\n');
    process.exit(2);
  }
  const reply = (m: FromBaseline) => process.send?.(m);
  process.on('message', (m: ToBaseline) => {
    if (m.type === 'stop') {
      process.disconnect?.();
      return;
    }
    runBaseline(m.args).then(
      (result) => reply({ type: 'result', result }),
      (err: unknown) => reply({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  });
  reply({ type: 'ready' });
}
