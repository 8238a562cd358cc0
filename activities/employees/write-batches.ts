import type { EmployeePlan, SyncWrites } from '../../domain/index';
import type { EmployeePlannedWrites as PlannedWrites, HrWrite, XledgerWrite } from './item-types';
import { MAX_BULK_NODES } from '../../xledger/index';
import type { ApplyBatches } from '../../workflows/employees/types';

/**
 * Numbers a run's writes into batches of at most 500 Xledger nodes (one mutation each), slice after slice in plan
 * order: the counters carry on from one slice to the next, so planning page by page numbers them as one pass would.
 */
export class WriteBatches {
  private xledgerCreates = 0;
  private xledgerUpdates = 0;
  private hrWrites = 0;

  /** The writes of one slice of plans, per item (`seq`), with their batch numbers. */
  assign(items: ReadonlyArray<{ seq: number; plan: EmployeePlan }>, writes: SyncWrites): PlannedWrites[] {
    const seqByEmployee = new Map(items.filter((i) => i.plan.employeeNumber !== '').map((i) => [i.plan.employeeNumber, i.seq]));
    const seqByXledgerDbId = new Map(items.filter((i) => i.plan.xledgerDbId !== undefined).map((i) => [i.plan.xledgerDbId!, i.seq]));
    const planned = new Map<number, PlannedWrites>();
    const at = (seq: number | undefined): PlannedWrites | undefined => {
      if (seq === undefined) return undefined;
      let p = planned.get(seq);
      if (!p) planned.set(seq, (p = { seq, xledgerWrite: null, xledgerBatch: null, hrWrite: null, hrBatch: null, skipped: [] }));
      return p;
    };
    const batchOf = (index: number) => Math.floor(index / MAX_BULK_NODES);
    const toXledger = (seq: number | undefined, write: XledgerWrite, index: number) => {
      const p = at(seq);
      if (p) Object.assign(p, { xledgerWrite: write, xledgerBatch: batchOf(index) });
    };
    const toHr = (seq: number | undefined, write: HrWrite) => {
      const p = at(seq);
      if (p) Object.assign(p, { hrWrite: write, hrBatch: batchOf(this.hrWrites++) });
    };
    for (const create of writes.xledgerCreates) toXledger(seqByEmployee.get(create.employeeNumber), { kind: 'create', create }, this.xledgerCreates++);
    for (const update of writes.xledgerUpdates) toXledger(seqByEmployee.get(update.employeeNumber), { kind: 'update', update }, this.xledgerUpdates++);
    for (const patch of writes.hrPatches) toHr(seqByEmployee.get(patch.employeeNumber), { kind: 'patch', patch });
    for (const create of writes.hrCreates) toHr(seqByXledgerDbId.get(create.xledgerDbId), { kind: 'create', create });
    for (const s of writes.skipped) at(seqByEmployee.get(s.employeeNumber))?.skipped.push(s);
    return [...planned.values()];
  }

  get batches(): ApplyBatches {
    return {
      xledgerCreateBatches: Math.ceil(this.xledgerCreates / MAX_BULK_NODES),
      xledgerUpdateBatches: Math.ceil(this.xledgerUpdates / MAX_BULK_NODES),
      hrBatches: Math.ceil(this.hrWrites / MAX_BULK_NODES),
    };
  }
}
