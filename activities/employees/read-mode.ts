import { activityInfo, heartbeat } from '@temporalio/activity';
import { osloToday } from '../../config/oslo-date';
import { ChangeSetClosure } from '../../domain/employees/change-set';
import { ClosureKnowledge } from '../../domain/employees/closure-knowledge';
import { planEmployeeRead } from '../../domain/employees/read-mode';
import { validateHrEmployee } from '../../domain/index';
import { chunk } from '../../domain/shared/collections';
import { createLinksStore } from '../../db/employees/links-store';
import { createRunReadsStore } from '../../db/employees/run-reads-store';
import { createRunsStore } from '../../db/runs/runs-store';
import { createSnapshotsStore } from '../../db/runs/snapshots-store';
import { createHrStore } from '../../hr/hr-store';
import type { HrScope } from '../../hr/read';
import { MAX_PAGE_SIZE } from '../../xledger/index';
import type { HeldBackUnchanged, RunRead } from '../../workflows/employees/types';
import { durationMs } from '../../workflows/shared/durations';
import type { ActivityDeps } from '../deps';
import { keepAlive } from '../shared/heartbeat';
import { withXledgerFailures } from '../shared/xledger-failure';
import { requiredFieldsOf } from './connection-policy';
import { readEmployeeChanges } from './xledger-change-read';
import { toEmployeeSnapshot } from './xledger-employee-snapshot';

/**
 * Left open by an earlier run for a reason only HR can fix: unless linked, or changed since, or drawn in by a change
 * on the other side, such a person would be held back again for the same reason, so an incremental run counts them
 * instead of planning them (a full run lists them again).
 */
const HELD_BACK_UNTIL_FIXED = new Set(['invalid', 'locked']);

/** HR employee numbers per scoped read of changed people (well under Postgres's bind-parameter limit). */
const HR_NUMBERS_PER_READ = 5_000;

/** Where an incremental run reads from (the bookmark less the overlap), as `chooseReadMode` decided it. */
export interface IncrementalSince {
  xledgerSince: string;
  /** ISO instant: HR's outbox rows and the runs that left people open from here on. */
  hrSince: string;
}

export type ChosenRead = RunRead & { since?: IncrementalSince };

export function createReadModeActivities(deps: ActivityDeps) {
  const runReads = createRunReadsStore(deps.db);
  const snapshots = createSnapshotsStore(deps.db);
  const runs = createRunsStore(deps.db);
  const hr = createHrStore(deps.db);
  const links = createLinksStore(deps.db);

  return {
    /**
     * Full or incremental, and why (domain/employees/read-mode.ts), recorded for the run: its read start is the next
     * run's bookmark once this one ends OK. Asked again (a retry) it decides again with a fresh read start.
     */
    async chooseReadMode({ runId, connectionName, full }: { runId: string; connectionName: string; full?: boolean }): Promise<ChosenRead> {
      const connection = await deps.connections.get(connectionName);
      const now = new Date();
      const read = planEmployeeRead({
        full: full ?? false,
        bookmark: await runReads.bookmark(connection.id),
        now,
        fullEveryMs: durationMs(connection.settings.employees.fullRunEvery),
      });
      const reason = read.mode === 'full' ? read.reason : 'changes';
      await runReads.record(connection.id, { runId, mode: read.mode, reason, why: read.why, readStartedAt: now });
      if (read.mode === 'full') return { mode: 'full', reason, why: read.why };
      return { mode: 'incremental', reason, why: read.why, since: { xledgerSince: read.xledgerSince, hrSince: read.hrSince.toISOString() } };
    },

    /**
     * An incremental run's snapshots: the people changed on either side since the bookmark, and those earlier runs
     * left open, closed over everything matching looks at (domain/employees/change-set.ts); Xledger is read for them
     * only (`modifiedAt_gte`, then their counterparts), HR's rows are staged for them only, and the HR keys and links
     * the closure needs are looked up as it grows (domain/employees/closure-knowledge.ts): nothing here reads the whole
     * company.
     */
    async snapshotChanges({
      runId,
      connectionName,
      since,
      today,
    }: {
      runId: string;
      connectionName: string;
      since: IncrementalSince;
      today?: string;
    }): Promise<{ hrCount: number; xledgerCount: number; requests: number; heldBackUnchanged: HeldBackUnchanged }> {
      const connection = await deps.connections.get(connectionName);
      const scope: HrScope = connection.settings.employees.scope;
      const hrSince = new Date(since.hrSince);
      const [hrChanged, leftOpen] = await Promise.all([runReads.hrChangedSince(hrSince), runReads.leftOpenSince(connection.id, hrSince)]);
      // Only the HR keys and links the changed people can reach are read (in SQL), not the whole company's.
      const closure = new ChangeSetClosure();
      const knowledge = new ClosureKnowledge(closure, {
        hrKeys: (q) => hr.keysMatching(scope, q),
        links: (q) => links.keysMatching(connection.id, q),
      });
      await knowledge.about({ numbers: [...hrChanged, ...leftOpen.map((o) => o.key)] });
      const untilFixed = new Map(
        leftOpen
          .filter((o) => HELD_BACK_UNTIL_FIXED.has(o.classification) && !knowledge.linkedNumbers.has(o.key.trim()))
          .map((o) => [o.key.trim(), o.classification]),
      );
      closure.addHr([...hrChanged, ...leftOpen.filter((o) => !untilFixed.has(o.key.trim())).map((o) => o.key)]);

      const client = deps.xledgerClient(connection, await deps.connections.revealToken(connectionName));
      let requests = 0;
      const changes = readEmployeeChanges(client.employees, {
        closure,
        since: since.xledgerSince,
        ownerDbId: connection.ownerEntityId,
        pageSize: MAX_PAGE_SIZE,
        onRequest: () => heartbeat({ requests: ++requests }),
        beforeAdd: (employees) =>
          knowledge.about({ numbers: employees.map((e) => e.code), emails: employees.map((e) => e.email), dbIds: employees.map((e) => e.dbId) }),
      });
      async function* xledgerRows() {
        for await (const page of changes) yield page.map((node) => ({ key: String(node.dbId), data: toEmployeeSnapshot(node) }));
      }
      const xledgerCount = await withXledgerFailures(activityInfo().attempt, () => keepAlive(() => snapshots.replaceSnapshot(runId, 'xledger', xledgerRows())));

      // The closure is complete once Xledger's counterparts were read: stage HR's rows of exactly those people, under
      // their numbers as stored (a number written with spaces is the same person to matching, not to SQL).
      const options = { requiredFields: requiredFieldsOf(connection.settings.employees), today: today ?? osloToday() };
      const inClosure = new Set(closure.employeeNumbers);
      const numbers = [...inClosure].flatMap((n) => knowledge.storedNumbers.get(n) ?? []).sort();
      const heldBackUnchanged: HeldBackUnchanged = { invalid: 0, locked: 0 };
      for (const [key, classification] of untilFixed) if (!inClosure.has(key)) heldBackUnchanged[classification as keyof HeldBackUnchanged]++;
      async function* hrRows() {
        for (const slice of chunk(numbers, HR_NUMBERS_PER_READ)) {
          for await (const page of hr.pagesInScope({ ...scope, employeeNumbers: slice })) {
            heartbeat();
            yield page.map((row) => ({ key: row.employeeNumber, data: validateHrEmployee(row, options) }));
          }
        }
      }
      const hrCount = await keepAlive(() => snapshots.replaceSnapshot(runId, 'hr', hrRows()));
      await runs.setRunDay(runId, options.today);
      return { hrCount, xledgerCount, requests, heldBackUnchanged };
    },
  };
}
