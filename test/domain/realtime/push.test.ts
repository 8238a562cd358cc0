import type { EmployeePlan, FieldChange } from '../../../domain';
import { holdForPush } from '../../../domain/realtime/hold-for-push';
import { keepRecent, nextPushBatch } from '../../../domain/realtime/push-batches';
import { settlePushedChanges } from '../../../domain/realtime/push-settlement';

const change = (field: 'firstName' | 'lastName', to: string, direction: FieldChange['direction'] = 'to-xledger'): FieldChange => ({
  field,
  label: field === 'firstName' ? 'First name' : 'Last name',
  from: 'old',
  to,
  direction,
  reason: 'Changed in HR since the last sync',
});

const matchedPlan = (changes: FieldChange[], xledger: Record<string, string | null>): EmployeePlan => ({
  employeeNumber: 'E1',
  xledgerDbId: 7,
  classification: 'update-xledger',
  changes,
  conflicts: [],
  kept: [],
  issues: [],
  notes: [],
  values: { hr: { firstName: 'Kari', lastName: 'Hansen' } as never, xledger: xledger as never },
});

describe('holdForPush', () => {
  it('writes a field only Xledger has not changed since the last sync', () => {
    const plan = matchedPlan([change('lastName', 'Hansen')], { firstName: 'Kari', lastName: 'Old' });
    const { plan: pushed, held } = holdForPush(plan, { firstName: 'Kari', lastName: 'Old' });
    expect(held).toEqual([]);
    expect(pushed.changes.map((c) => c.field)).toEqual(['lastName']);
    expect(pushed.classification).toBe('update-xledger');
  });

  it('holds a field Xledger changed (even when the policy would let HR win), and one whose last value is unknown', () => {
    const plan = matchedPlan([change('firstName', 'Kari'), change('lastName', 'Hansen')], { firstName: 'Karoline', lastName: 'Old' });
    const { plan: pushed, held } = holdForPush(plan, { firstName: 'Kari-Old' });
    expect(held.map((h) => h.field)).toEqual(['firstName', 'lastName']);
    expect(held[0]!.reason).toMatch(/changed in Xledger since the last sync/);
    expect(held[1]!.reason).toMatch(/no last-synced value/);
    expect(pushed.changes).toEqual([]);
    expect(pushed.classification).toBe('unchanged');
    expect(pushed.kept.map((k) => k.field)).toEqual(['firstName', 'lastName']);
  });

  it('never writes to HR and never asks: conflicts and Xledger → HR writes are held', () => {
    const plan = {
      ...matchedPlan([change('lastName', 'X', 'to-hr')], { firstName: 'Kari', lastName: 'X' }),
      classification: 'conflict' as const,
      conflicts: [
        { field: 'firstName' as const, label: 'First name', hrValue: 'A', xledgerValue: 'B', reason: 'Changed in both HR and Xledger since the last sync' },
      ],
    };
    const { plan: pushed, held } = holdForPush(plan, { firstName: 'C', lastName: 'Y' });
    expect(pushed.conflicts).toEqual([]);
    expect(pushed.classification).toBe('unchanged');
    expect(held.map((h) => h.reason)).toEqual([
      "lastName: Xledger's value waits for the next run (a push writes only to Xledger)".replace('lastName', 'Last name'),
      "First name: Changed in both HR and Xledger since the last sync; held for the next run's decisions",
    ]);
  });

  it('holds a person added in HR unless the push creates them', () => {
    const base: EmployeePlan = { employeeNumber: 'N1', classification: 'only-in-hr', changes: [], conflicts: [], kept: [], issues: [], notes: [], values: {} };
    expect(holdForPush({ ...base, creation: { target: 'xledger', status: 'auto' } }, undefined).held).toEqual([]);
    expect(holdForPush({ ...base, creation: { target: 'xledger', status: 'blocked' } }, undefined).held[0]!.reason).toMatch(
      /created in Xledger by the next run/,
    );
  });
});

describe('nextPushBatch', () => {
  it('takes the people who waited longest, each with all their queued changes', () => {
    const queued = [
      { outboxId: 5, employeeNumber: 'C' },
      { outboxId: 1, employeeNumber: 'A' },
      { outboxId: 3, employeeNumber: 'B' },
      { outboxId: 4, employeeNumber: 'A' },
    ];
    expect(nextPushBatch(queued, 2).map((c) => c.outboxId)).toEqual([1, 3, 4]);
    expect(nextPushBatch(queued, 10)).toHaveLength(4);
  });

  it('fits a burst of 5,000 changes to 1,000 people in two batches of at most 500 people', () => {
    const queued = new Map(Array.from({ length: 5_000 }, (_, i) => [i + 1, { outboxId: i + 1, employeeNumber: `E${i % 1_000}` }]));
    const first = nextPushBatch(queued.values(), 500);
    expect(new Set(first.map((c) => c.employeeNumber)).size).toBe(500);
    expect(first).toHaveLength(2_500);
    for (const c of first) queued.delete(c.outboxId);
    expect(new Set(nextPushBatch(queued.values(), 500).map((c) => c.employeeNumber)).size).toBe(500);
  });

  it('keepRecent drops the oldest ids first', () => {
    const ids = new Set([1, 2, 3, 4]);
    keepRecent(ids, 2);
    expect([...ids]).toEqual([3, 4]);
  });
});

describe('settlePushedChanges', () => {
  const person = { classification: 'update-xledger', writeMissing: false, failure: null, heldReasons: [] as string[] };
  it('done when written or already in step; held with the reason otherwise', () => {
    const settled = settlePushedChanges(
      [
        { outboxId: 1, employeeNumber: 'A' },
        { outboxId: 2, employeeNumber: 'B' },
        { outboxId: 3, employeeNumber: 'C' },
        { outboxId: 4, employeeNumber: 'D' },
        { outboxId: 5, employeeNumber: 'gone' },
      ],
      [
        { ...person, employeeNumber: 'A' },
        { ...person, employeeNumber: 'B', classification: 'unchanged' },
        { ...person, employeeNumber: 'C', failure: 'Xledger refused the email' },
        { ...person, employeeNumber: 'D', heldReasons: ['First name: changed in Xledger'] },
      ],
    );
    expect(settled.map((s) => [s.outboxId, s.status])).toEqual([
      [1, 'done'],
      [2, 'done'],
      [3, 'held'],
      [4, 'held'],
      [5, 'held'],
    ]);
    expect(settled[2]!.reason).toBe('Not written: Xledger refused the email');
    expect(settled[4]!.reason).toMatch(/Not in HR or outside the connection/);
  });
});
