import { checkAbsenceImport } from '../../hr/absence-import';
import { ImportFileError } from '../../hr/import-parse';

describe('checking an absence import file', () => {
  it('reads CSV (CRLF, quoted comments over several lines) and reports each bad row by line, field and reason', () => {
    const csv = [
      'absenceId,employeeNumber,type,startDate,endDate,startTime,endTime,percent,comment,status',
      'A1,E1,vacation,2026-01-05,2026-01-09,,,,"Ferie, ""Syden""\nuke 2",approved',
      'A2,E1,vacation,2026-01-09,2026-01-05,,,,,',
      'A3,E2,sick_leave,2026-02-01,,,12:00,0,,maybe',
    ].join('\r\n');
    const r = checkAbsenceImport(Buffer.from(csv), 'csv');
    expect(r.valid).toEqual([expect.objectContaining({ absenceId: 'A1', comment: 'Ferie, "Syden"\nuke 2', status: 'approved', percent: null })]);
    expect(r.rejected).toEqual([
      { line: 4, employeeNumber: 'E1', field: 'endDate', reason: 'the end date 2026-01-05 is before the start date 2026-01-09' },
      { line: 5, employeeNumber: 'E2', field: 'endTime', reason: 'endTime is given without an end date' },
      { line: 5, employeeNumber: 'E2', field: 'percent', reason: 'the percent 0 is outside (0, 100]' },
      { line: 5, employeeNumber: 'E2', field: 'status', reason: 'status "maybe" is not one of approved, pending, cancelled' },
    ]);
  });

  it('reads JSON by array index and refuses an absence id used twice', () => {
    const json = JSON.stringify([
      { absenceId: 'A1', employeeNumber: 'E1', type: 'vacation', startDate: '2026-03-02', percent: 50 },
      { absenceId: 'A1', employeeNumber: 'E2', type: 'vacation', startDate: '2026-03-03' },
    ]);
    const r = checkAbsenceImport(Buffer.from(json), 'json');
    expect(r.valid).toEqual([]);
    expect(r.rejected.map((x) => [x.line, x.field, x.reason])).toEqual([
      [0, 'absenceId', 'absence id A1 is used more than once in this file (lines 0, 1)'],
      [1, 'absenceId', 'absence id A1 is used more than once in this file (lines 0, 1)'],
    ]);
  });

  it('refuses a file whose header has unknown or missing columns, naming them', () => {
    expect(() => checkAbsenceImport(Buffer.from('absenceId,employeeNumber,type,startDate,colour\n'), 'csv')).toThrow(
      new ImportFileError(
        'unknown column(s) "colour"; expected some of: absenceId, employeeNumber, type, startDate, endDate, startTime, endTime, percent, comment, status',
      ),
    );
    expect(() => checkAbsenceImport(Buffer.from('absenceId;employeeNumber;type\n'), 'csv', ';')).toThrow('the header row has no startDate column');
  });
});
