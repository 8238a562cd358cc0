import { applyDecisions, buildSyncPlan, HrRowValidation, nextBaseline } from '../../domain';
import { hrEmployee, TODAY, xledgerSnapshot } from './helpers';

const valid = (e = hrEmployee()): HrRowValidation => ({ ok: true, employee: e, warnings: [] });

describe('nextBaseline', () => {
  it('remembers written values, equal values, and keeps the old baseline for unresolved differences', () => {
    const [plan] = buildSyncPlan({
      hrRows: [valid(hrEmployee({ lastName: 'Hansen', phone: '+4792222222' }))],
      xledger: [xledgerSnapshot({ phone: '+4793333333' })],
      baselines: { '1001': { lastName: 'Nordmann', phone: '+4791234567' } },
      today: TODAY,
    }).employees;
    expect(plan?.classification).toBe('conflict'); // phone changed on both sides
    const writes = applyDecisions(plan ? [plan] : [], []); // phone left undecided → skipped
    const applied = writes.xledgerUpdates.flatMap((u) => u.changes);
    const b = nextBaseline(plan!, { changes: applied }, { phone: '+4791234567' });
    expect(b.lastName).toBe('Hansen');
    expect(b.fullName).toBe('Kari Hansen');
    expect(b.email).toBe('kari.nordmann@example.no');
    expect(b.phone).toBe('+4791234567'); // still the old one: next run sees the conflict again
  });

  it('a newly created employee gets all its HR values', () => {
    const [plan] = buildSyncPlan({ hrRows: [valid()], xledger: [], today: TODAY }).employees;
    const b = nextBaseline(plan!, { changes: [], createdInXledger: true });
    expect(b.employeeNumber).toBe('1001');
    expect(b.employmentFrom).toBe('2020-01-01');
  });
});
