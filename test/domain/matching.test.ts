import { matchEmployees, MatchableHr, MatchableXledger } from '../../domain';

const hr = (employeeNumber: string | null, workEmail: string | null): MatchableHr => ({ employeeNumber, workEmail });
const xl = (dbId: number, code: string | null, email: string | null): MatchableXledger => ({ dbId, code, email });

describe('matchEmployees', () => {
  it('matches by email (trimmed, case-insensitive) before employee number', () => {
    const h = [hr('1', ' Kari@Example.no ')];
    const x = [xl(10, '1', 'someone@else.no'), xl(20, '99', 'kari@example.NO')];
    const r = matchEmployees(h, x);
    // Email matches 20, but the number matches 10: reported, not guessed.
    expect(r.matches).toEqual([]);
    expect(r.ambiguities).toHaveLength(1);
    expect(r.ambiguities[0]?.reason).toMatch(/Email matches Xledger employee 20 but the employee number matches Xledger employee 10/);
  });

  it('matches by email when the number does not point elsewhere', () => {
    const r = matchEmployees([hr('1', 'kari@example.no')], [xl(20, '99', 'KARI@example.no')]);
    expect(r.matches.map((m) => [m.hr.employeeNumber, m.xledger.dbId, m.matchedBy])).toEqual([['1', 20, 'email']]);
  });

  it('falls back to employee number = code', () => {
    const r = matchEmployees([hr('1', 'new@example.no')], [xl(10, '1', 'old@example.no')]);
    expect(r.matches.map((m) => m.matchedBy)).toEqual(['employeeNumber']);
  });

  it('remembered links come first, even against email and code', () => {
    const h = [hr('1', 'kari@example.no')];
    const x = [xl(10, '1', 'kari@example.no'), xl(30, 'X', 'other@example.no')];
    const r = matchEmployees(h, x, [{ hrEmployeeNumber: '1', xledgerDbId: 30 }]);
    expect(r.matches.map((m) => [m.xledger.dbId, m.matchedBy])).toEqual([[30, 'link']]);
    expect(r.onlyInXledger.map((e) => e.dbId)).toEqual([10]);
  });

  it('ignores a stale link whose Xledger employee is gone and matches again', () => {
    const r = matchEmployees([hr('1', 'kari@example.no')], [xl(10, '1', 'kari@example.no')], [{ hrEmployeeNumber: '1', xledgerDbId: 999 }]);
    expect(r.staleLinks).toEqual([{ hrEmployeeNumber: '1', xledgerDbId: 999 }]);
    expect(r.matches.map((m) => m.matchedBy)).toEqual(['email']);
  });

  it('reports two Xledger employees with the same email', () => {
    const r = matchEmployees([hr('1', 'kari@example.no')], [xl(10, 'A', 'kari@example.no'), xl(11, 'B', 'Kari@example.no')]);
    expect(r.matches).toEqual([]);
    expect(r.ambiguities[0]?.reason).toBe('2 Xledger employees share this email address');
    expect(r.ambiguities[0]?.xledger.map((e) => e.dbId)).toEqual([10, 11]);
    expect(r.onlyInXledger).toEqual([]); // involved in the ambiguity, not offered for creation in HR
  });

  it('reports two Xledger employees with the same code', () => {
    const r = matchEmployees([hr('1', null)], [xl(10, '1', null), xl(11, '1', null)]);
    expect(r.ambiguities[0]?.reason).toBe('2 Xledger employees have employee number 1');
  });

  it('reports duplicate employee numbers in HR', () => {
    const r = matchEmployees([hr('1', 'a@x.no'), hr('1', 'b@x.no')], [xl(10, '1', 'a@x.no')]);
    expect(r.matches).toEqual([]);
    expect(r.ambiguities[0]?.reason).toBe('2 HR employees share employee number 1');
    expect(r.onlyInHr).toEqual([]);
  });

  it('reports two HR employees with the same email', () => {
    const r = matchEmployees([hr('1', 'a@x.no'), hr('2', 'A@x.no')], [xl(10, '7', 'a@x.no')]);
    expect(r.matches).toEqual([]);
    expect(r.ambiguities).toHaveLength(1);
    expect(r.ambiguities[0]?.hr.map((h) => h.employeeNumber)).toEqual(['1', '2']);
  });

  it('an email match whose code belongs to another HR employee is ambiguous', () => {
    const r = matchEmployees([hr('1', 'a@x.no'), hr('2', 'b@x.no')], [xl(10, '2', 'a@x.no')]);
    expect(r.matches).toEqual([]);
    expect(r.ambiguities[0]?.reason).toMatch(/whose employee number 2 belongs to another HR employee/);
  });

  it('an HR employee whose number is taken by someone matched by email is not offered for creation', () => {
    const r = matchEmployees([hr('1', 'a@x.no'), hr('2', 'b@x.no')], [xl(10, null, 'a@x.no'), xl(11, '1', 'c@x.no')]);
    // 1 ↔ 10 by email would clash with 11's code 1 → ambiguity for 1; 2 is only in HR.
    expect(r.ambiguities.map((a) => a.hr.map((h) => h.employeeNumber))).toEqual([['1']]);
    expect(r.onlyInHr.map((h) => h.employeeNumber)).toEqual(['2']);
  });

  it('returns only-in-HR and only-in-Xledger', () => {
    const r = matchEmployees([hr('1', 'a@x.no'), hr('2', null)], [xl(10, '1', 'a@x.no'), xl(11, '3', null)]);
    expect(r.onlyInHr.map((h) => h.employeeNumber)).toEqual(['2']);
    expect(r.onlyInXledger.map((x) => x.dbId)).toEqual([11]);
  });

  it('is fast for 10,000 × 10,000', () => {
    const n = 10_000;
    const h: MatchableHr[] = [];
    const x: MatchableXledger[] = [];
    const links = [];
    for (let i = 0; i < n; i++) {
      h.push(hr(String(i), `p${i}@example.no`));
      // a third by link, a third by email, a third by code
      const mode = i % 3;
      x.push(xl(100_000 + i, String(i), mode === 2 ? `old${i}@example.no` : `P${i}@example.no`));
      if (mode === 0) links.push({ hrEmployeeNumber: String(i), xledgerDbId: 100_000 + i });
    }
    const start = performance.now();
    const r = matchEmployees(h, x, links);
    const ms = performance.now() - start;
    expect(r.matches).toHaveLength(n);
    expect(r.matches.filter((m) => m.matchedBy === 'link')).toHaveLength(Math.ceil(n / 3));
    expect(r.matches.filter((m) => m.matchedBy === 'employeeNumber')).toHaveLength(Math.floor(n / 3));
    expect(ms).toBeLessThan(1000);
  });
});
