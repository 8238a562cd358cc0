import { ChangeSetClosure, type CounterpartReads } from '../../domain/employees/change-set';
import { ClosureKnowledge, type ClosureKeyLookup } from '../../domain/employees/closure-knowledge';
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

/** The same, knowing only what `ClosureKnowledge` looks up (as the run does, in SQL), with every lookup counted. */
async function closeLearning(
  hr: readonly HrKey[],
  xledger: readonly MatchableXledger[],
  links: readonly EmployeeLink[],
  changedHr: string[],
  changedX: number[],
) {
  const looked = { hrKeys: 0, links: 0 };
  const lookup: ClosureKeyLookup = {
    hrKeys: async ({ numbers, emails }) => (
      looked.hrKeys++,
      hr.filter((h) => numbers.includes(h.employeeNumber.trim()) || (h.workEmail !== null && emails.includes(h.workEmail.trim().toLowerCase())))
    ),
    links: async ({ numbers, dbIds }) => (looked.links++, links.filter((l) => numbers.includes(l.hrEmployeeNumber.trim()) || dbIds.includes(l.xledgerDbId))),
  };
  const closure = new ChangeSetClosure();
  const knowledge = new ClosureKnowledge(closure, lookup);
  const enter = async (employees: MatchableXledger[]) => {
    await knowledge.about({ numbers: employees.map((x) => x.code), emails: employees.map((x) => x.email), dbIds: employees.map((x) => x.dbId) });
    closure.addXledger(employees);
  };
  await knowledge.about({ numbers: changedHr });
  closure.addHr(changedHr);
  await enter(xledger.filter((x) => changedX.includes(x.dbId)));
  for (let reads = closure.nextReads(); reads.dbIds.length + reads.codes.length + reads.emails.length > 0; reads = closure.nextReads()) {
    closure.markAsked(reads);
    await enter(answer(xledger, reads));
  }
  return { closure, looked };
}

/**
 * A small company with colliding emails and codes, stale links and a few changes on each side; `messy`: numbers padded
 * with spaces and emails in mixed case, as HR products store them.
 */
function randomCompany(rand: (n: number) => number, { messy }: { messy: boolean }) {
  const people = 30 + rand(30);
  const email = messy
    ? () => (rand(10) === 0 ? null : `${rand(2) ? 'P' : 'p'}${rand(people + 5)}@x.no${rand(5) ? '' : ' '}`)
    : () => (rand(10) === 0 ? null : `p${rand(people + 5)}@x.no`); // collisions on purpose
  const number = (i: number) => (messy && !rand(10) ? ` E${i} ` : `E${i}`);
  const hrKeys: HrKey[] = Array.from({ length: people }, (_, i) => ({ employeeNumber: number(i), workEmail: email() }));
  const xledger: MatchableXledger[] = Array.from({ length: people }, (_, i) => ({
    dbId: 1000 + i,
    code: rand(4) === 0 ? null : `E${rand(people + 5)}`,
    email: email(),
  }));
  const links: EmployeeLink[] = hrKeys.flatMap((h, i) =>
    rand(3) === 0 ? [] : [{ hrEmployeeNumber: h.employeeNumber, xledgerDbId: rand(8) === 0 ? 5000 + i : 1000 + rand(people) }],
  );
  const uniqueLinks = [...new Map(links.map((l) => [l.xledgerDbId, l])).values()];
  const changedHr = hrKeys.filter(() => rand(20) === 0).map((h) => h.employeeNumber);
  const changedX = xledger.filter(() => rand(20) === 0).map((x) => x.dbId);
  return { people, hrKeys, xledger, uniqueLinks, changedHr, changedX };
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
      const { hrKeys, xledger, uniqueLinks, changedHr, changedX } = randomCompany(rand, { messy: false });

      const full = new Map(planTasks({ hrRows: hrKeys.map(hrRow), xledger, links: uniqueLinks }).map((t) => [key(t), decided(t)]));
      const { closure, rounds } = close(hrKeys, xledger, uniqueLinks, changedHr, changedX);
      const inSet = new Set(closure.employeeNumbers);
      const partial = planTasks({
        hrRows: hrKeys.filter((h) => inSet.has(h.employeeNumber)).map(hrRow),
        xledger: closure.xledger,
        links: uniqueLinks,
      });
      // Planning with only the links of the staged people and staged Xledger employees (as an incremental run does).
      const readIds = new Set(closure.xledger.map((x) => x.dbId));
      const stagedLinks = uniqueLinks.filter((l) => inSet.has(l.hrEmployeeNumber.trim()) || readIds.has(l.xledgerDbId));
      const withStagedLinks = planTasks({ hrRows: hrKeys.filter((h) => inSet.has(h.employeeNumber)).map(hrRow), xledger: closure.xledger, links: stagedLinks });
      expect(withStagedLinks.map(decided)).toEqual(partial.map(decided));
      const planned = new Set(partial.map(key));
      for (const n of [...changedHr, ...changedX.map((x) => `X${x}`)]) if (full.has(n)) expect(planned).toContain(n);
      for (const t of partial) expect({ company, task: decided(t) }).toEqual({ company, task: full.get(key(t)) });
      expect(rounds.length).toBeLessThanOrEqual(4);
    }
  });

  it('random companies: learning only the keys the changed people reach closes exactly as knowing everyone', async () => {
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);
    let learntEverything = 0;
    for (let company = 0; company < 200; company++) {
      const { people, hrKeys, xledger, uniqueLinks, changedHr, changedX } = randomCompany(rand, { messy: true });

      const knowing = close(hrKeys, xledger, uniqueLinks, changedHr, changedX).closure;
      const learning = (await closeLearning(hrKeys, xledger, uniqueLinks, changedHr, changedX)).closure;
      expect({ company, people: [...learning.employeeNumbers].sort() }).toEqual({ company, people: [...knowing.employeeNumbers].sort() });
      expect({ company, xledger: learning.xledger.map((x) => x.dbId) }).toEqual({ company, xledger: knowing.xledger.map((x) => x.dbId) });
      if (learning.employeeNumbers.length === people) learntEverything++;
    }
    expect(learntEverything).toBeLessThan(200); // most companies close without reaching everyone
  });

  it('nothing changed: nothing is looked up', async () => {
    const { closure, looked } = await closeLearning([{ employeeNumber: 'E1', workEmail: 'a@x.no' }], [{ dbId: 1, code: 'E1', email: 'a@x.no' }], [], [], []);
    expect(closure.employeeNumbers).toEqual([]);
    expect(looked).toEqual({ hrKeys: 0, links: 0 });
  });
});

function key(t: PlanTask): string {
  return t.kind === 'only-in-xledger' ? `X${t.xledgerDbId}` : String(t.hr.employeeNumber);
}
