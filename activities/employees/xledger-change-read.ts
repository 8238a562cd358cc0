import type { ChangeSetClosure, CounterpartReads } from '../../domain/employees/change-set';
import type { MatchableXledger } from '../../domain/employees/matching';
import { chunk } from '../../domain/shared/collections';
import type { Employee, EmployeeFilter, Reader } from '../../xledger/index';
import { toEmployeeSnapshot } from './xledger-employee-snapshot';

/** Ids or codes per `dbId_in` / `code_in` read: one page holds them all. */
const IDS_PER_READ = 500;

/**
 * What an incremental employee run reads from Xledger: the employees modified since the bookmark (`modifiedAt_gte`,
 * in pages as large as Xledger allows), then the counterparts the change set still misses — by `dbId_in`, `code_in`
 * and `email` — round by round until the closure is closed (usually one round). Yields each employee once; counts the
 * requests. The caller has put HR's changed people into the closure first.
 */
export async function* readEmployeeChanges(
  employees: Pick<Reader<Employee, EmployeeFilter>, 'pages'>,
  o: {
    closure: ChangeSetClosure;
    since: string;
    ownerDbId?: number;
    pageSize: number;
    onRequest?: () => void;
    /** Called with each page before it enters the closure (ClosureKnowledge.about: what the closure must learn first). */
    beforeAdd?: (employees: MatchableXledger[]) => Promise<void>;
  },
): AsyncGenerator<Employee[]> {
  const seen = new Set<number>();
  const owner = o.ownerDbId === undefined ? {} : { ownerDbId: o.ownerDbId };
  async function* read(filter: EmployeeFilter): AsyncGenerator<Employee[]> {
    for await (const page of employees.pages({ pageSize: o.pageSize, filter: { ...owner, ...filter } })) {
      o.onRequest?.();
      const fresh = page.nodes.filter((e) => !seen.has(e.dbId));
      for (const e of fresh) seen.add(e.dbId);
      const snapshots = page.nodes.map(toEmployeeSnapshot);
      await o.beforeAdd?.(snapshots);
      o.closure.addXledger(snapshots);
      if (fresh.length > 0) yield fresh;
    }
  }
  yield* read({ modifiedAt_gte: o.since });
  for (let reads = o.closure.nextReads(); !isEmpty(reads); reads = o.closure.nextReads()) {
    o.closure.markAsked(reads);
    for (const dbId_in of chunk(reads.dbIds, IDS_PER_READ)) yield* read({ dbId_in });
    for (const code_in of chunk(reads.codes, IDS_PER_READ)) yield* read({ code_in });
    // Xledger has no email_in: one read per work email, for people not linked (matching tries email before code).
    for (const email of reads.emails) yield* read({ email });
  }
}

function isEmpty(reads: CounterpartReads): boolean {
  return reads.dbIds.length + reads.codes.length + reads.emails.length === 0;
}
