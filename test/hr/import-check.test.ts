import { parseImportFile } from '../../hr/import-parse';
import { checkImport } from '../../hr/import-validate';

const today = '2026-01-15';
const check = (csv: string) => checkImport(parseImportFile(Buffer.from(csv), 'csv'), { today });

describe('import parsing and file-level checks', () => {
  it('joins rows of one person that repeat the person columns into one employee with several positions', () => {
    const r = check(
      'employee_number,Work Email,first-name,LASTNAME,job title,startDate,positionEnd,primary\n' +
        'E1,a@x.no,Ola,Nordmann,Lærling,2020-01-01,2020-12-31,nei\n' +
        '\n' +
        'E1,a@x.no,Ola,Nordmann,Fagarbeider,2021-01-01,,x\n' +
        ',,,,,,,\n',
    );
    expect(r.rejected).toEqual([]);
    expect(r.valid).toHaveLength(1);
    expect(r.valid[0].positions.map((p) => [p.jobTitle, p.primary])).toEqual([
      ['Lærling', false],
      ['Fagarbeider', true],
    ]);
  });

  it('reports a malformed email once (not also as a duplicate), and real duplicates on every line', () => {
    const r = check('employeeNumber,workEmail,firstName,lastName\nE1,bad@@x.no,A,B\nE2,bad@@x.no,C,D\nE3,ok@x.no,E,F\nE4,OK@x.no ,G,H\nE5,ok@x.no,I,J\n');
    expect(r.rejected.map((x) => [x.line, x.field, x.reason.replace(/ \(.*\)$/, '')])).toEqual([
      [2, 'workEmail', expect.stringMatching(/not a valid email/)],
      [3, 'workEmail', expect.stringMatching(/not a valid email/)],
      [4, 'workEmail', 'Work email is used by more than one employee in this file'],
      [5, 'workEmail', 'Work email is used by more than one employee in this file'],
      [6, 'workEmail', 'Work email is used by more than one employee in this file'],
    ]);
    expect(r.rejected[2].reason).toContain('(lines 4, 5, 6)');
  });

  it('rejects an unrecognised primary flag on its own line', () => {
    const r = check('employeeNumber,workEmail,firstName,lastName,jobTitle,positionStart,primary\nE1,a@x.no,A,B,T,2020-01-01,maybe\n');
    expect(r.rejected.map((x) => [x.line, x.field])).toEqual([[2, 'positions[0].primary']]);
  });
});
