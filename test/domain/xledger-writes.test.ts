import { chunk } from '../../domain/shared/collections';
import {
  buildAddEmployeeInputs,
  buildHrPatch,
  buildXledgerUpdateInputs,
  FieldChange,
  readHrValues,
  readXledgerValues,
  XledgerEmployeeUpdate,
} from '../../domain';
import { hrEmployee, TODAY, xledgerSnapshot } from './helpers';

const change = (field: FieldChange['field'], to: string | null, direction: FieldChange['direction'] = 'to-xledger'): FieldChange => ({
  field,
  label: field,
  from: null,
  to,
  direction,
  reason: 'test',
});

function update(changes: FieldChange[], refs: Partial<XledgerEmployeeUpdate['xledger']> = {}): XledgerEmployeeUpdate {
  return {
    employeeNumber: '1001',
    xledger: { dbId: 5001, code: '1001', contactDbId: 7001, subledgerDbId: 8001, ...refs },
    changes,
    current: readXledgerValues(xledgerSnapshot()),
  };
}

describe('buildXledgerUpdateInputs', () => {
  it('writes only changed fields, dbId inside the node, clientId = employee number', () => {
    const out = buildXledgerUpdateInputs([update([change('email', 'kari.hansen@example.no'), change('trialTo', '2020-09-01')])]);
    expect(out.updateEmployees).toEqual([{ clientId: '1001', node: { dbId: 5001, email: 'kari.hansen@example.no', trialTo: '2020-09-01' } }]);
    expect(out.updateContacts).toEqual([{ clientId: '1001', node: { dbId: 7001, email: 'kari.hansen@example.no' } }]);
    expect(out.updateSubledgers).toEqual([{ clientId: '1001', node: { dbId: 8001, email: 'kari.hansen@example.no' } }]);
    expect(out.skipped).toEqual([]);
  });

  it('sends the whole address when one part changes, keeping Xledger’s other parts', () => {
    const out = buildXledgerUpdateInputs([update([change('addressStreet', 'Kongens gate 2')])]);
    const address = { streetAddress: 'Kongens gate 2', zipCode: '0155', place: 'Oslo', country: { code: 'NO' } };
    expect(out.updateContacts).toEqual([{ clientId: '1001', node: { dbId: 7001, address } }]);
    expect(out.updateSubledgers).toEqual([{ clientId: '1001', node: { dbId: 8001, address } }]);
    expect(out.updateEmployees).toEqual([]);
  });

  it('converts lookups (gender, nationality) and clears with null', () => {
    const out = buildXledgerUpdateInputs([update([change('gender', 'male'), change('nationality', 'SE'), change('nationalId', null)])]);
    expect(out.updateContacts[0]?.node).toEqual({ dbId: 7001, gender: { name: 'Male' }, country: { code: 'SE' }, socialSec: null });
  });

  it('falls back to the employee node when no contact/subledger is linked', () => {
    const out = buildXledgerUpdateInputs([
      update([change('phone', '+4792222222'), change('bankAccount', '12345678903'), change('nationality', 'SE')], {
        contactDbId: null,
        subledgerDbId: null,
      }),
    ]);
    expect(out.updateEmployees).toEqual([
      { clientId: '1001', node: { dbId: 5001, phone: '+4792222222', bankAccount: '12345678903', country: { code: 'SE' } } },
    ]);
    expect(out.updateContacts).toEqual([]);
    expect(out.updateSubledgers).toEqual([]);
    expect(out.skipped).toEqual([]);
  });

  it('ignores changes towards HR', () => {
    const out = buildXledgerUpdateInputs([update([change('phone', '+4792222222', 'to-hr')])]);
    expect(out).toEqual({ updateEmployees: [], updateContacts: [], updateSubledgers: [], skipped: [] });
  });
});

describe('buildAddEmployeeInputs', () => {
  it('puts person fields directly on the employee node and leaves empty ones out', () => {
    const values = readHrValues(hrEmployee({ phone: null }), { today: TODAY });
    const out = buildAddEmployeeInputs([{ employeeNumber: '1001', values }]);
    expect(out.addEmployees).toEqual([
      {
        clientId: '1001',
        node: {
          code: '1001',
          email: 'kari.nordmann@example.no',
          firstName: 'Kari',
          lastName: 'Nordmann',
          description: 'Kari Nordmann',
          birthday: '1972-09-13',
          socialSec: '13097248022',
          gender: { name: 'Female' },
          bankAccount: '12345678903',
          address: { streetAddress: 'Storgata 1', zipCode: '0155', place: 'Oslo', country: { code: 'NO' } },
          jobTitle: 'Accountant',
          employmentFrom: '2020-01-01',
          trialTo: '2020-07-01',
          country: { code: 'NO' },
        },
      },
    ]);
    expect(out.afterCreate).toEqual([]);
  });
});

describe('buildHrPatch', () => {
  it('maps Xledger → HR changes to HR field paths', () => {
    expect(buildHrPatch('1001', [change('addressStreet', 'Kongens gate 2', 'to-hr'), change('email', 'a@b.no', 'to-hr'), change('phone', 'x')])).toMatchObject({
      employeeNumber: '1001',
      fields: { 'address.street': 'Kongens gate 2', workEmail: 'a@b.no' },
    });
    expect(buildHrPatch('1001', [change('phone', 'x')])).toBeNull();
  });
});

describe('chunk', () => {
  it('splits into batches of at most 500', () => {
    const batches = chunk(
      Array.from({ length: 1201 }, (_, i) => i),
      500,
    );
    expect(batches.map((b) => b.length)).toEqual([500, 500, 201]);
    expect(batches[2]?.[0]).toBe(1000);
  });
});
