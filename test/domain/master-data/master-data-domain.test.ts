import {
  diffPage,
  dueTypes,
  nextReadOf,
  diffRecord,
  isVisibleTo,
  managerEmailResolver,
  mapProject,
  mapSupplier,
  mapVatCode,
  masterDataCounts,
  masterDataStatus,
  nextSince,
  parseTypeList,
  planRead,
  rateOn,
  ratesByTaxRule,
  taxRuleKindDbId,
  visibleOwnerIds,
  type MirrorRecord,
  type StoredRecord,
} from '../../../domain/master-data/index';

const supplierNode = {
  dbId: 7,
  code: 'S1',
  description: 'Rørlegger AS',
  ownerDbId: 1000,
  modifiedAt: '2026-12-07T10:00:00',
  email: 'post@ror.test',
  bankAccount: '15030012345',
  company: { companyNumber: '912345678' },
  currency: { code: 'NOK' },
  payTerms: { code: '30D' },
  address: { streetAddress: 'Storgata 1', zipCode: '0155', place: 'Oslo', country: { code: 'NO' } },
};

const stored = (r: MirrorRecord, deleted = false): StoredRecord => ({ ...r, deleted });

describe('master-data mapping', () => {
  it('maps a supplier with org number, bank account, address, currency and pay terms; absent values are null', () => {
    const r = mapSupplier(supplierNode);
    expect(r).toEqual({
      dbId: 7,
      ownerDbId: 1000,
      code: 'S1',
      description: 'Rørlegger AS',
      modifiedAt: '2026-12-07T10:00:00',
      fields: {
        company_number: '912345678',
        email: 'post@ror.test',
        phone: null,
        bank_account: '15030012345',
        street_address: 'Storgata 1',
        zip_code: '0155',
        place: 'Oslo',
        country_code: 'NO',
        currency_code: 'NOK',
        pay_terms: '30D',
      },
    });
    expect(mapSupplier({ dbId: 8 }).fields.company_number).toBeNull();
  });

  it('gives a VAT code its rates over time and the rate in force today, whatever the tenant calls its codes', () => {
    const rates = ratesByTaxRule([
      { objectValueDbId: 21, taxPercent: '25.00', dateFrom: '2016-01-01', dateTo: null },
      { objectValueDbId: 21, taxPercent: '24.00', dateFrom: '2005-01-01', dateTo: '2015-12-31' },
      { objectValueDbId: 22, taxPercent: '15.00', dateFrom: '2020-01-01', dateTo: null },
      { objectValueDbId: null, taxPercent: '99', dateFrom: null, dateTo: null },
    ]);
    expect(rates.get(21)!.map((r) => r.percent)).toEqual(['24.00', '25.00']);
    expect(rateOn(rates.get(21)!, '2010-06-01')).toBe('24.00');
    expect(rateOn(rates.get(21)!, '2026-12-07')).toBe('25.00');
    expect(rateOn([], '2026-12-07')).toBeNull();
    const vat = mapVatCode({ dbId: 21, code: '208', objectKindDbId: 14, code2: { name: 'HIGH_LEVEL' } }, rates.get(21)!, '25.00');
    expect(vat.code).toBe('208');
    expect(vat.fields).toMatchObject({ rate_level: 'HIGH_LEVEL', current_percent: '25.00', object_kind_db_id: 14 });
    expect(
      taxRuleKindDbId([
        { dbId: 3, name: 'PROJECT' },
        { dbId: 14, name: 'TAX_RULE' },
      ]),
    ).toBe(14);
    expect(taxRuleKindDbId([{ dbId: 3, name: 'PROJECT' }])).toBeUndefined();
  });
});

describe('master-data diff', () => {
  const base = mapSupplier(supplierNode);

  it('says added, updated (with the columns) or unchanged; a deleted row that is back is added', () => {
    expect(diffRecord(base, undefined)).toEqual({ change: 'added' });
    expect(diffRecord(base, stored(base))).toEqual({ change: 'unchanged' });
    expect(diffRecord(base, stored(base, true))).toEqual({ change: 'added' });
    const edited = { ...base, description: 'Rørlegger Oslo AS', fields: { ...base.fields, bank_account: '15030099999' } };
    expect(diffRecord(edited, stored(base))).toEqual({ change: 'updated', fields: ['description', 'bank_account'] });
  });

  it('does not count a new modifiedAt alone as a change', () => {
    expect(diffRecord({ ...base, modifiedAt: '2026-12-07T11:00:00' }, stored(base))).toEqual({ change: 'unchanged' });
  });

  it('compares jsonb values by content', () => {
    const vat = mapVatCode({ dbId: 1 }, [{ percent: '25', dateFrom: null, dateTo: null }], '25');
    const again = mapVatCode({ dbId: 1 }, [{ percent: '25', dateFrom: null, dateTo: null }], '25');
    expect(diffRecord(again, stored(vat))).toEqual({ change: 'unchanged' });
    // jsonb gives the keys back in its own order
    const fromDb = { ...vat, fields: { ...vat.fields, rates: [{ dateTo: null, percent: '25', dateFrom: null }] } };
    expect(diffRecord(again, stored(fromDb))).toEqual({ change: 'unchanged' });
    expect(diffRecord(mapVatCode({ dbId: 1 }, [{ percent: '24', dateFrom: null, dateTo: null }], '25'), stored(fromDb))).toEqual({
      change: 'updated',
      fields: ['rates'],
    });
  });

  it('diffs a page, counting a dbId twice once with its last version', () => {
    const other = mapSupplier({ ...supplierNode, dbId: 9 });
    const edited = { ...base, code: 'S1b' };
    const d = diffPage('suppliers', [base, edited, other], new Map([[7, stored(base)]]));
    expect(d.counts).toEqual({ added: 1, updated: 1, deleted: 0, unchanged: 0 });
    expect(d.changes.map((c) => [c.dbId, c.change])).toEqual([
      [7, 'updated'],
      [9, 'added'],
    ]);
  });
});

describe('master-data bookmarks (Oslo time)', () => {
  it('goes back 15 minutes in naive Oslo wall-clock time, winter and summer', () => {
    expect(nextSince(new Date('2026-12-07T10:00:00Z'))).toBe('2026-12-07T10:45:00');
    expect(nextSince(new Date('2026-07-01T10:00:00Z'))).toBe('2026-07-01T11:45:00');
    // Across midnight in Oslo
    expect(nextSince(new Date('2026-12-06T23:05:00Z'))).toBe('2026-12-06T23:50:00');
  });

  const now = new Date('2026-12-07T12:00:00Z');
  const state = {
    since: '2026-12-07T11:00:00',
    deltaCursor: '55',
    deltaCursorAt: new Date('2026-12-07T11:30:00Z'),
    lastFullReadAt: new Date('2026-12-07T06:00:00Z'),
  };
  const o = { full: false, now, fullEveryMs: 24 * 3_600_000 };

  it('reads whole when asked, without tracking, on the first read, or when the last full read is old', () => {
    expect(planRead('modified-since', state, { ...o, full: true }).mode).toBe('full');
    expect(planRead('full', state, o).mode).toBe('full');
    expect(planRead('modified-since', undefined, o).mode).toBe('full');
    expect(planRead('modified-since', { ...state, lastFullReadAt: new Date('2026-12-06T11:00:00Z') }, o)).toEqual({
      mode: 'full',
      reason: 'periodic full read (deletions)',
    });
  });

  it('reads incrementally from the bookmark or the delta cursor, and whole when the cursor nears the 3-day retention', () => {
    expect(planRead('modified-since', state, o)).toEqual({ mode: 'modified-since', since: '2026-12-07T11:00:00' });
    expect(planRead('deltas', state, o)).toEqual({ mode: 'deltas', after: '55' });
    const old = { ...state, deltaCursorAt: new Date('2026-12-04T11:30:00Z') };
    expect(planRead('deltas', old, { ...o, fullEveryMs: 7 * 24 * 3_600_000 }).mode).toBe('full');
    expect(planRead('deltas', { ...state, deltaCursor: null, deltaCursorAt: null }, o)).toEqual({ mode: 'modified-since', since: '2026-12-07T11:00:00' });
  });
});

describe('owner and client entities', () => {
  it('shows client X the owner entity’s records and its own, never another client’s', () => {
    expect(visibleOwnerIds(1000)).toEqual([1000]);
    expect(visibleOwnerIds(1000, 1001)).toEqual([1000, 1001]);
    expect(isVisibleTo(1000, 1000, 1001)).toBe(true);
    expect(isVisibleTo(1001, 1000, 1001)).toBe(true);
    expect(isVisibleTo(1002, 1000, 1001)).toBe(false);
    expect(isVisibleTo(1001, 1000)).toBe(false);
  });
});

describe('project managers', () => {
  const resolve = managerEmailResolver([
    { dbId: 1, email: 'Kari@Firma.no ' },
    { dbId: 2, email: null },
    { dbId: 3, email: 'post@firma.no' },
    { dbId: 4, email: 'POST@firma.no' },
  ]);

  it('gives the manager’s email from the employee table', () => {
    expect(resolve(1)).toEqual({ email: 'kari@firma.no', issue: null });
    expect(resolve(null)).toEqual({ email: null, issue: null });
  });

  it('reports a manager without an email, with a shared email, or missing, and guesses nothing', () => {
    expect(resolve(2)).toEqual({ email: null, issue: 'manager (employee dbId 2) has no email' });
    expect(resolve(3)).toEqual({ email: null, issue: "manager's email (employee dbId 3) is shared by 2 employees" });
    expect(resolve(9).issue).toContain('not in the employee table');
    expect(mapProject({ dbId: 5, projectManager: { dbId: 2 } }, resolve(2)).fields).toMatchObject({ manager_employee_db_id: 2, manager_email: null });
  });
});

describe('types and outcome', () => {
  it('reads a --types list in catalog order and refuses an unknown type by name', () => {
    expect(parseTypeList('accounts,suppliers')).toEqual(['suppliers', 'accounts']);
    expect(parseTypeList(undefined)).toHaveLength(7);
    expect(() => parseTypeList('suppliers,vendors')).toThrow('unknown master-data type(s) "vendors"');
  });

  it('is OK when every part read, PARTIAL when some failed, FAILED when all did', () => {
    const ok = { part: 'suppliers' as const, status: 'OK' as const, mode: 'full' as const, counts: { added: 2, updated: 1, deleted: 0, unchanged: 5 } };
    const failed = { ...ok, part: 'accounts' as const, status: 'FAILED' as const, counts: { added: 0, updated: 0, deleted: 0, unchanged: 0 } };
    expect(masterDataStatus([ok])).toBe('OK');
    expect(masterDataStatus([ok, failed])).toBe('PARTIAL');
    expect(masterDataStatus([failed])).toBe('FAILED');
    expect(masterDataCounts([ok, failed])).toEqual({ added: 2, updated: 1, deleted: 0, unchanged: 5, failedParts: 1 });
  });
});

describe('scheduled types (one schedule, an interval per type)', () => {
  const intervals = { suppliers: 30, accounts: 1440, dimensions: 60, currencies: 1440, 'vat-codes': 1440, 'fixed-assets': 360, projects: 60 };
  const now = new Date('2026-12-07T12:00:00Z');
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

  it('reads a type never read, or whose interval has passed (with a little slack for run times)', () => {
    const last = new Map([
      ['suppliers', ago(28)],
      ['accounts', ago(600)],
      ['dimensions', ago(61)],
      ['currencies', null],
    ] as const);
    expect(dueTypes(['suppliers', 'accounts', 'dimensions', 'currencies'], last, intervals, now)).toEqual(['suppliers', 'dimensions', 'currencies']);
    expect(dueTypes(['suppliers'], new Map([['suppliers', ago(20)]]), intervals, now)).toEqual([]);
  });

  it('says which scheduled run will read a type next', () => {
    const times = [30, 60, 90].map((m) => new Date(now.getTime() + m * 60_000));
    expect(nextReadOf(null, 1440, times)).toEqual(times[0]);
    expect(nextReadOf(ago(10), 60, times)).toEqual(times[1]);
    expect(nextReadOf(ago(10), 1440, times)).toBeUndefined();
  });
});
