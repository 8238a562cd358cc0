import { ChangeSetClosure, type CounterpartReads } from '../../domain/employees/change-set';
import type { EmployeeLink, HrEmployee } from '../../domain/employees/employee-types';
import type { MatchableXledger } from '../../domain/employees/matching';
import { planTasks, type PlanTask } from '../../domain/employees/plan-tasks';
import type { HrRowValidation } from '../../domain/employees/validation/hr-employee';

interface HrKey {
  employeeNumber: string;
  workEmail: string | null;
}

const hrRow = (h: HrKey): HrRowValidation => ({ ok: true, employee: { ...h, status: 'active' } as HrEmployee, warnings: [] });

/** What Xledger answers for one round of counterpart reads (dbId_in, code_in, one email filter each). */
function answer(xledger: readonly MatchableXledger[], reads: CounterpartReads): MatchableXledger[] {
  return xledger.filter(
    (x) =>
      reads.dbIds.includes(x.dbId) ||
      (x.code !== null && reads.codes.includes(x.code.trim())) ||
      (x.email !== null && reads.emails.includes(x.email.trim().toLowerCase())),
  );
}

/** Drives the closure as the run would: Xledger's changed employees, then rounds of counterpart reads. */
function close(hr: readonly HrKey[], xledger: readonly MatchableXledger[], links: readonly EmployeeLink[], changedHr: string[], changedX: number[]) {
  const closure = new ChangeSetClosure(hr, links);
  closure.addHr(changedHr);
  closure.addXledger(xledger.filter((x) => changedX.includes(x.dbId)));
  const rounds: CounterpartReads[] = [];
  for (let reads = closure.nextReads(); reads.dbIds.length + reads.codes.length + reads.emails.length > 0; reads = closure.nextReads()) {
    rounds.push(reads);
    closure.markAsked(reads);
    closure.addXledger(answer(xledger, reads));
  }
  return { closure, rounds };
}

/** A task by what it decides (the candidate objects differ between two plans). */
function decided(t: PlanTask): string {
  if (t.kind === 'only-in-xledger') return `X${t.xledgerDbId}: only in Xledger`;
  const { hr, ...rest } = t;
  return `${hr.employeeNumber}: ${JSON.stringify({ ...rest, issues: hr.issues.map((i) => i.reason), held: hr.employee === null })}`;
}

describe('ChangeSetClosure: an incremental run plans the changed people as a full run would', () => {
  const hr: HrKey[] = [
    { employeeNumber: 'E1', workEmail: 'e1@x.no' },
    { employeeNumber: 'E2', workEmail: 'e2@x.no' },
    { employeeNumber: 'E3', workEmail: 'shared@x.no' },
    { employeeNumber: 'E4', workEmail: 'Shared@x.no ' },
    { employeeNumber: 'E5', workEmail: 'new@x.no' },
  ];
  const links: EmployeeLink[] = [
    { hrEmployeeNumber: 'E1', xledgerDbId: 101 },
    { hrEmployeeNumber: 'E2', xledgerDbId: 102 },
  ];

  it('an HR edit of a linked person reads its Xledger employee by dbId, nothing else', () => {
    const closure = new ChangeSetClosure(hr, links);
    closure.addHr(['E1']);
    expect(closure.nextReads()).toEqual({ dbIds: [101], codes: [], emails: [] });
    closure.markAsked({ dbIds: [101], codes: [], emails: [] });
    closure.addXledger([{ dbId: 101, code: 'E1', email: 'e1@x.no' }]);
    expect(closure.nextReads()).toEqual({ dbIds: [], codes: [], emails: [] });
    expect(closure.employeeNumbers).toEqual(['E1']);
  });

  it('someone new in HR is looked up by employee number as code and by work email', () => {
    const closure = new ChangeSetClosure(hr, links);
    closure.addHr(['E5']);
    expect(closure.nextReads()).toEqual({ dbIds: [], codes: ['E5'], emails: ['new@x.no'] });
  });

  it('reads a work email lower-cased and as HR wrote it, each once', () => {
    const closure = new ChangeSetClosure(hr, links);
    closure.addHr(['E4']);
    const reads = closure.nextReads();
    expect(reads).toEqual({ dbIds: [], codes: ['E4', 'E3'], emails: ['shared@x.no', 'Shared@x.no'] });
    closure.markAsked(reads);
    expect(closure.nextReads()).toEqual({ dbIds: [], codes: [], emails: [] });
  });

  it('an Xledger edit brings in its linked HR person without another read', () => {
    const closure = new ChangeSetClosure(hr, links);
    closure.addXledger([{ dbId: 102, code: 'E2', email: 'e2@x.no' }]);
    expect(closure.employeeNumbers).toEqual(['E2']);
    expect(closure.nextReads()).toEqual({ dbIds: [], codes: [], emails: [] });
  });

  it('a link whose Xledger employee is gone falls back to code and email', () => {
    const closure = new ChangeSetClosure(hr, links);
    closure.addHr(['E2']);
    const first = closure.nextReads();
    expect(first).toEqual({ dbIds: [102], codes: [], emails: [] });
    closure.markAsked(first);
    expect(closure.nextReads()).toEqual({ dbIds: [], codes: ['E2'], emails: ['e2@x.no'] });
  });

  it('everyone in HR sharing a changed person’s work email comes along (duplicate emails are held back together)', () => {
    const closure = new ChangeSetClosure(hr, links);
    closure.addHr(['E3']);
    expect(closure.employeeNumbers.sort()).toEqual(['E3', 'E4']);
  });

  it('random companies: the closed set gets exactly the full plan’s tasks, in few rounds', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);
    for (let company = 0; company < 200; company++) {
      const people = 30 + rand(30);
      const email = () => (rand(10) === 0 ? null : `p${rand(people + 5)}@x.no`); // collisions on purpose
      const hrKeys: HrKey[] = Array.from({ length: people }, (_, i) => ({ employeeNumber: `E${i}`, workEmail: email() }));
      const xledger: MatchableXledger[] = Array.from({ length: people }, (_, i) => ({
        dbId: 1000 + i,
        code: rand(4) === 0 ? null : `E${rand(people + 5)}`,
        email: email(),
      }));
      const linksHere: EmployeeLink[] = hrKeys.flatMap((h, i) =>
        rand(3) === 0 ? [] : [{ hrEmployeeNumber: h.employeeNumber, xledgerDbId: rand(8) === 0 ? 5000 + i : 1000 + rand(people) }],
      );
      const uniqueLinks = [...new Map(linksHere.map((l) => [l.xledgerDbId, l])).values()];
      const changedHr = hrKeys.filter(() => rand(20) === 0).map((h) => h.employeeNumber);
      const changedX = xledger.filter(() => rand(20) === 0).map((x) => x.dbId);

      const full = new Map(planTasks({ hrRows: hrKeys.map(hrRow), xledger, links: uniqueLinks }).map((t) => [key(t), decided(t)]));
      const { closure, rounds } = close(hrKeys, xledger, uniqueLinks, changedHr, changedX);
      const inSet = new Set(closure.employeeNumbers);
      const partial = planTasks({
        hrRows: hrKeys.filter((h) => inSet.has(h.employeeNumber)).map(hrRow),
        xledger: closure.xledger,
        links: uniqueLinks,
      });
      const planned = new Set(partial.map(key));
      for (const n of [...changedHr, ...changedX.map((x) => `X${x}`)]) if (full.has(n)) expect(planned).toContain(n);
      for (const t of partial) expect({ company, task: decided(t) }).toEqual({ company, task: full.get(key(t)) });
      expect(rounds.length).toBeLessThanOrEqual(4);
    }
  });
});

function key(t: PlanTask): string {
  return t.kind === 'only-in-xledger' ? `X${t.xledgerDbId}` : String(t.hr.employeeNumber);
}
