import { createLinksStore } from '../../db/employees/links-store';
import { createAbsenceLinksStore } from '../../db/absences/links-store';
import { createDecisionsStore } from '../../db/runs/decisions-store';
import { createItemsStore } from '../../db/runs/items-store';
import { createHrAbsencesStore } from '../../hr/absences-store';
import { createHrStore, type HrStoreRecord } from '../../hr/hr-store';
import type { AbsencePlan, HrAbsence, LinkedEmployee } from '../../domain/absences/absence-types';
import type { AbsenceDecision, PendingAbsence } from '../../domain/absences/decisions';
import { planAbsences } from '../../domain/absences/plan';
import { classificationCounts } from '../../domain/absences/run-outcome';
import { writeOfPlan } from '../../domain/absences/writes';
import { MAX_BULK_NODES } from '../../domain/shared/xledger-limits';
import { createAbsenceApi } from '../../xledger/client/absences';
import type { AbsenceApplyBatches, AbsenceDecisionDefaults, AbsencePeriod, AbsencePlanSummary } from '../../workflows/absences/types';
import type { ActivityDeps } from '../deps';
import { keepAlive } from '../shared/heartbeat';
import { withXledgerFailures } from '../shared/xledger-failure';
import { activityInfo } from '@temporalio/activity';
import type { AbsenceItemRow, AbsenceNewItem, AbsencePlannedWrites } from './item-types';

/** The employees of the run's absences that the employee sync linked, with their employment from HR positions. */
async function linkedEmployees(deps: ActivityDeps, connectionId: number, numbers: readonly string[]): Promise<Map<string, LinkedEmployee>> {
  const links = await createLinksStore(deps.db).byEmployee(connectionId, numbers);
  const out = new Map<string, LinkedEmployee>();
  if (links.size === 0) return out;
  const hr = new Map<string, HrStoreRecord>();
  for await (const page of createHrStore(deps.db).pagesInScope({ employeeNumbers: [...links.keys()] })) for (const e of page) hr.set(e.employeeNumber, e);
  for (const [number, link] of links) {
    const positions = (hr.get(number)?.positions ?? []).filter((p) => p.startDate).sort((a, b) => (a.startDate! < b.startDate! ? -1 : 1));
    const open = positions.some((p) => !p.endDate);
    const ends = positions.flatMap((p) => (p.endDate ? [p.endDate] : [])).sort();
    const e = hr.get(number);
    out.set(number, {
      employeeNumber: number,
      xledgerDbId: link.dbId,
      employedFrom: positions[0]?.startDate ?? null,
      employedTo: positions.length === 0 || open ? null : (ends.at(-1) ?? null),
      positionTitle: positions[0]?.jobTitle ?? null,
      name: e ? [e.firstName, e.lastName].filter(Boolean).join(' ') || null : null,
    });
  }
  return out;
}

const PLAN_PAGE = 2_000;

/** Nothing reads the values of an unchanged absence found by its link again: it is staged without them. */
const isLinkCurrent = (plan: AbsencePlan) => plan.classification === 'unchanged' && plan.matchedBy === 'link';
const stagedPlan = (plan: AbsencePlan): AbsencePlan => {
  if (!isLinkCurrent(plan)) return plan;
  const { values: _values, current: _current, ...rest } = plan;
  return rest;
};

async function* pagesOf<T>(items: readonly T[], size: number): AsyncGenerator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export function createAbsencePlanningActivities(deps: ActivityDeps) {
  const items = createItemsStore<AbsenceItemRow>(deps.db);

  return {
    /**
     * Reads the period on both sides (HR absences, Xledger absences and codes, links), plans every absence and stages
     * one item per absence in Postgres; decides the write path (the API's absence mutations, or an import file).
     */
    async planAbsenceRun({
      runId,
      connectionName,
      period,
      employees,
    }: {
      runId: string;
      connectionName: string;
      period: AbsencePeriod;
      employees?: string[];
    }): Promise<AbsencePlanSummary> {
      const connection = await deps.connections.get(connectionName);
      const settings = connection.settings.absences;
      const client = deps.xledgerClient(connection, await deps.connections.revealToken(connectionName));
      const api = createAbsenceApi(client, connection.ownerEntityId);
      return withXledgerFailures(activityInfo().attempt, () =>
        keepAlive(async () => {
          const writePath = settings.writePath === 'auto' ? ((await api.mutationsAvailable()).available ? 'api' : 'file') : settings.writePath;
          const [xledgerCodes, xledgerAll] = [await api.codes(), await api.startingIn(period)];
          const hrStore = createHrAbsencesStore(deps.db);
          const hr: HrAbsence[] = [...(await hrStore.startingIn(period, employees)), ...(await hrStore.withoutStartDate(employees))];
          const numbers = [...new Set(hr.map((a) => a.employeeNumber))];
          const links = await createAbsenceLinksStore(deps.db).inPeriod(
            connection.id,
            period,
            hr.map((a) => a.absenceId),
            employees,
          );
          const people = await linkedEmployees(deps, connection.id, [...new Set([...numbers, ...links.map((l) => l.employeeNumber)])]);
          const employeeDbIds = employees?.length ? new Set(employees.flatMap((n) => (people.has(n) ? [people.get(n)!.xledgerDbId] : []))) : undefined;
          const xledger = employeeDbIds ? xledgerAll.filter((x) => x.employeeDbId !== null && employeeDbIds.has(x.employeeDbId)) : xledgerAll;
          const plans = planAbsences({
            hr,
            employees: people,
            xledger,
            links,
            xledgerCodes,
            mapping: { codes: settings.codes, defaultPercent: settings.defaultPercent, defaultComment: settings.defaultComment },
            statuses: settings.statuses,
            ...(settings.types ? { types: settings.types } : {}),
            cancelled: settings.cancelled,
          });
          const newItems: AbsenceNewItem[] = plans.map((plan, seq) => ({
            seq,
            key: plan.absenceId,
            classification: plan.classification,
            plan: stagedPlan(plan),
            xledgerDbId: plan.xledgerDbId ?? null,
            // Unchanged and found by its link: finishing only counts and settles it, set-based, without reading it.
            linkCurrent: isLinkCurrent(plan),
          }));
          await items.replaceItems(runId, pagesOf(newItems, PLAN_PAGE));
          return {
            items: plans.length,
            byClassification: classificationCounts(plans),
            pendingCount: plans.filter((p) => p.classification === 'cancelled' && p.cancelPolicy === 'ask').length,
            hrAbsences: hr.length,
            xledgerAbsences: xledger.length,
            writePath,
          };
        }),
      );
    },

    /** A page of the cancelled absences the admin decides on (policy `ask`). */
    async loadPendingAbsences({ runId, offset, limit }: { runId: string; offset: number; limit: number }): Promise<PendingAbsence[]> {
      const rows = await items.readItems(runId, { classification: 'cancelled' });
      return rows
        .filter((r) => r.plan.cancelPolicy === 'ask')
        .slice(offset, offset + limit)
        .map((r) => ({
          absenceId: r.plan.absenceId,
          employeeNumber: r.plan.employeeNumber,
          code: r.plan.current?.code ?? '',
          fromDate: r.plan.current?.fromDate ?? '',
          toDate: r.plan.current?.toDate ?? null,
        }));
    },

    /**
     * Stores the admin's decisions and works out every write with its batch (at most 500 nodes each): creates and
     * updates from the plan, removes of cancelled absences the policy or the admin removes (undecided: kept).
     */
    async prepareAbsenceApply({
      runId,
      decisions,
      defaults,
    }: {
      runId: string;
      decisions: AbsenceDecision[];
      defaults: AbsenceDecisionDefaults;
    }): Promise<AbsenceApplyBatches> {
      return keepAlive(async () => {
        await createDecisionsStore(deps.db).replaceDecisions(runId, decisions, defaults);
        const choice = new Map(decisions.map((d) => [d.absenceId, d.choice]));
        const counters = { create: 0, update: 0, remove: 0 };
        const writes: AbsencePlannedWrites[] = [];
        for (const item of await items.writableItems(runId)) {
          const plan = item.plan;
          const removes = plan.cancelPolicy === 'remove' || (plan.cancelPolicy === 'ask' && (choice.get(plan.absenceId) ?? defaults.undecided) === 'remove');
          const write = writeOfPlan(plan, removes);
          if (!write) continue;
          writes.push({
            seq: item.seq,
            xledgerWrite: write,
            xledgerBatch: Math.floor(counters[write.kind]++ / MAX_BULK_NODES),
            hrWrite: null,
            hrBatch: null,
            skipped: [],
          });
        }
        await items.setWrites(runId, writes);
        return {
          createBatches: Math.ceil(counters.create / MAX_BULK_NODES),
          updateBatches: Math.ceil(counters.update / MAX_BULK_NODES),
          removeBatches: Math.ceil(counters.remove / MAX_BULK_NODES),
          fileRows: counters.create + counters.update,
        };
      });
    },
  };
}
