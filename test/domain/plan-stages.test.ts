import { planEmployee, planTasks, type HrRowValidation } from '../../domain';
import { hrEmployee, TODAY, xledgerSnapshot } from './helpers';

const valid = (overrides: Parameters<typeof hrEmployee>[0] = {}): HrRowValidation => ({ ok: true, employee: hrEmployee(overrides), warnings: [] });

describe('planTasks: matching on keys only', () => {
  it('needs only dbId, code and email of Xledger employees, and keeps HR order, then people only in Xledger', () => {
    const tasks = planTasks({
      hrRows: [valid({ employeeNumber: 'E2', workEmail: 'two@acme.test' }), valid({ employeeNumber: 'E1', workEmail: 'one@acme.test' })],
      xledger: [
        { dbId: 11, code: 'E1', email: null },
        { dbId: 99, code: 'X9', email: 'x9@acme.test' },
      ],
    });
    expect(tasks.map((t) => [t.kind, 'hr' in t ? t.hr.employeeNumber : t.xledgerDbId])).toEqual([
      ['only-in-hr', 'E2'],
      ['matched', 'E1'],
      ['only-in-xledger', 99],
    ]);
  });

  it('names the Xledger owner of an email an HR-only person has, and the stale link of a person', () => {
    const [task] = planTasks({
      hrRows: [valid({ employeeNumber: 'E1', workEmail: 'taken@acme.test' })],
      xledger: [{ dbId: 7, code: 'OTHER', email: 'Taken@Acme.test' }],
      links: [{ hrEmployeeNumber: 'E1', xledgerDbId: 123 }],
    });
    // The email matched first, so E1 is matched by email to dbId 7; its remembered link to 123 is stale.
    expect(task).toMatchObject({ kind: 'matched', xledgerDbId: 7, matchedBy: 'email', staleLink: 123 });
  });
});

describe('planEmployee: one person at a time', () => {
  it('turns a matched task plus the full snapshot into the same plan a one-pass planner makes', () => {
    const [task] = planTasks({ hrRows: [valid()], xledger: [{ dbId: 5, code: hrEmployee().employeeNumber, email: null }] });
    const plan = planEmployee(task!, { xledger: xledgerSnapshot({ dbId: 5, jobTitle: 'Bookkeeper' }) }, { today: TODAY });
    expect(plan).toMatchObject({ classification: 'update-xledger', xledgerDbId: 5, changes: [{ field: 'jobTitle', to: 'Accountant' }] });
  });

  it('refuses a task whose Xledger snapshot was not loaded, rather than planning a wrong creation', () => {
    expect(() => planEmployee({ kind: 'only-in-xledger', xledgerDbId: 5 }, {}, { today: TODAY })).toThrow(/needs the Xledger employee's snapshot/);
  });
});
