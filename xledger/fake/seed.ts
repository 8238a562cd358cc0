import { ISO_3166_ALPHA2 } from '../../domain/shared/validation/country';
import { DEMO_OWNER_DBID, DEMO_SUB_ENTITY_DBID } from './knobs';
import type { FakeState } from './state';
import type { ContactRow, EmployeeRow, Seed, SubledgerRow } from './types';

/** Master data of a small Norwegian group: owner entity 1000 with client entities 1001 and 1002. */
export function defaultSeed(): Seed {
  return {
    entities: [
      { dbId: DEMO_OWNER_DBID, code: 'GRP', description: 'Demo Group AS', parentDbId: null, currencyDbId: 11 },
      { dbId: DEMO_SUB_ENTITY_DBID, code: 'NOR', description: 'Demo Norge AS', parentDbId: DEMO_OWNER_DBID, currencyDbId: 11 },
      { dbId: 1002, code: 'SWE', description: 'Demo Sverige AB', parentDbId: DEMO_OWNER_DBID, currencyDbId: 12 },
    ],
    currencies: [
      { dbId: 11, code: 'NOK', description: 'Norwegian krone' },
      { dbId: 12, code: 'SEK', description: 'Swedish krona' },
      { dbId: 13, code: 'DKK', description: 'Danish krone' },
      { dbId: 14, code: 'EUR', description: 'Euro' },
      { dbId: 15, code: 'USD', description: 'US dollar' },
      { dbId: 16, code: 'GBP', description: 'Pound sterling' },
    ],
    countries: [
      { dbId: 21, code: 'NO', description: 'Norway', currencyDbId: 11 },
      { dbId: 22, code: 'SE', description: 'Sweden', currencyDbId: 12 },
      { dbId: 23, code: 'DK', description: 'Denmark', currencyDbId: 13 },
      { dbId: 24, code: 'FI', description: 'Finland', currencyDbId: 14 },
      { dbId: 25, code: 'DE', description: 'Germany', currencyDbId: 14 },
      { dbId: 26, code: 'GB', description: 'United Kingdom', currencyDbId: 16 },
      { dbId: 27, code: 'US', description: 'United States', currencyDbId: 15 },
      ...otherCountries(),
    ],
    systemValues: [
      { dbId: 31, dbSubId: 1, definition: 'GENDER', code: 'MALE', name: 'Male' },
      { dbId: 32, dbSubId: 2, definition: 'GENDER', code: 'FEMALE', name: 'Female' },
      { dbId: 33, dbSubId: 3, definition: 'GENDER', code: 'UNKNOWN', name: 'Unknown' },
    ],
    objectKinds: [
      { dbId: 14, name: 'TAX_RULE' },
      { dbId: 41, name: 'Department' },
      { dbId: 42, name: 'Project' },
    ],
    objectValues: [
      // Norwegian standard VAT codes (RecMan seed table) as TAX_RULE object values.
      { dbId: 501, objectKindDbId: 14, code: '2', description: 'The amount is with VAT 25%', code2Name: 'HIGH_LEVEL', posting: true, text1: '25' },
      { dbId: 502, objectKindDbId: 14, code: '20', description: 'VAT exempt', code2Name: 'ZERO_LEVEL', posting: true, text1: '0' },
      { dbId: 503, objectKindDbId: 14, code: '21', description: 'Medium rate 15%', code2Name: 'MID_LEVEL', posting: true, text1: '15' },
      { dbId: 504, objectKindDbId: 14, code: '22', description: 'Low rate 12%', code2Name: 'LOW_LEVEL', posting: true, text1: '12' },
      { dbId: 505, objectKindDbId: 14, code: '27', description: 'Foreign customers 0%', code2Name: 'ZERO_LEVEL', posting: true, text1: '0' },
      { dbId: 506, objectKindDbId: 14, code: '29', description: 'Outside tax area 0%', code2Name: 'ZERO_LEVEL', posting: true, text1: '0' },
      { dbId: 511, objectKindDbId: 41, code: '100', description: 'Administration', posting: true },
      { dbId: 512, objectKindDbId: 41, code: '200', description: 'Sales', posting: true },
      { dbId: 513, objectKindDbId: 41, code: '300', description: 'Engineering', posting: true },
      { dbId: 514, objectKindDbId: 42, code: 'P-1', description: 'Internal project', posting: true, dateFrom: '2024-01-01' },
      { dbId: 515, objectKindDbId: 41, code: '400', description: 'Sub-entity department', posting: true, ownerDbId: DEMO_SUB_ENTITY_DBID },
    ],
    accounts: [
      { dbId: 601, code: '1500', description: 'Accounts receivable', posting: true, balanceSheet: true, revenue: false, cost: false, vat: false },
      { dbId: 602, code: '1920', description: 'Bank deposits', posting: true, balanceSheet: true, revenue: false, cost: false, vat: false },
      { dbId: 603, code: '2400', description: 'Accounts payable', posting: true, balanceSheet: true, revenue: false, cost: false, vat: false },
      { dbId: 604, code: '2700', description: 'Output VAT', posting: true, balanceSheet: true, revenue: false, cost: false, vat: true },
      { dbId: 605, code: '3000', description: 'Sales revenue, taxable', posting: true, balanceSheet: false, revenue: true, cost: false, vat: false },
      { dbId: 606, code: '5000', description: 'Salaries', posting: true, balanceSheet: false, revenue: false, cost: true, vat: false },
      { dbId: 607, code: '6300', description: 'Rent', posting: true, balanceSheet: false, revenue: false, cost: true, vat: false },
    ],
    assets: [
      {
        dbId: 701,
        code: 'A-001',
        description: 'Office laptop',
        balance: '12500.00',
        datePurchased: '2024-03-01',
        dateFrom: '2024-03-01',
        dateTo: null,
        allowPosting: true,
        assetGroup: { dbId: 710, code: 'IT', description: 'IT equipment' },
        currencyDbId: 11,
      },
      {
        dbId: 702,
        code: 'A-002',
        description: 'Company car',
        balance: '350000.00',
        datePurchased: '2023-06-15',
        dateFrom: '2023-06-15',
        dateTo: null,
        allowPosting: true,
        assetGroup: { dbId: 711, code: 'VEH', description: 'Vehicles' },
        currencyDbId: 11,
      },
    ],
    // VAT rates over time of the TAX_RULE values above (taxTableSetups; shape assumed, see README).
    taxTableSetups: [
      { dbId: 521, objectValueDbId: 501, taxPercent: '24.00', dateFrom: '2001-01-01', dateTo: '2004-12-31' },
      { dbId: 522, objectValueDbId: 501, taxPercent: '25.00', dateFrom: '2005-01-01', dateTo: null },
      { dbId: 523, objectValueDbId: 503, taxPercent: '15.00', dateFrom: '2016-01-01', dateTo: null },
      { dbId: 524, objectValueDbId: 504, taxPercent: '12.00', dateFrom: '2018-01-01', dateTo: null },
      { dbId: 525, objectValueDbId: 502, taxPercent: '0.00', dateFrom: '2001-01-01', dateTo: null },
    ],
    absenceCodes: [
      { dbId: 801, code: 'V', description: 'Vacation', posting: true },
      { dbId: 802, code: 'CS', description: 'Childcare', posting: true },
      { dbId: 803, code: 'SWN', description: 'Sick leave', posting: true },
      { dbId: 804, code: 'PL', description: 'Parental leave', posting: true },
    ],
    products: [
      { dbId: 901, code: 'CONSULT', description: 'Consulting hour', unit: 'HOUR', salesPrice: '1250.00', costPrice: '700.00', taxRuleDbId: 501 },
      { dbId: 902, code: 'PLACEMENT', description: 'Placement fee', unit: 'EACH', salesPrice: '45000.00', costPrice: null, taxRuleDbId: 501 },
      { dbId: 903, code: 'EXPORT', description: 'Export service', unit: 'EACH', salesPrice: '1000.00', costPrice: null, taxRuleDbId: 505 },
    ],
    companies: [
      {
        dbId: 951,
        code: 'C-ACME',
        description: 'Acme AS',
        companyNumber: '987654321',
        taxNumber: 'NO987654321MVA',
        email: 'post@acme.example',
        phone: '+4722000000',
        countryDbId: 21,
        address: null,
      },
    ],
    subledgers: [
      {
        dbId: 961,
        ledgerType: 'SUPPLIER',
        code: 'S-100',
        description: 'Office Supplies AS',
        email: 'invoice@office.example',
        phone: null,
        bankAccount: '12345678903',
        companyDbId: null,
        currencyDbId: 11,
        address: { dbId: 962, streetAddress: 'Storgata 1', zipCode: '0155', place: 'Oslo', state: null, countryDbId: 21 },
      },
      {
        dbId: 963,
        ledgerType: 'SUPPLIER',
        code: 'S-200',
        description: 'Cloud Hosting Ltd',
        email: 'billing@cloud.example',
        phone: null,
        bankAccount: null,
        companyDbId: null,
        currencyDbId: 16,
        address: null,
      },
      {
        dbId: 964,
        ledgerType: 'CUSTOMER',
        code: 'K-100',
        description: 'Acme AS',
        email: 'post@acme.example',
        phone: null,
        bankAccount: null,
        companyDbId: 951,
        currencyDbId: 11,
        address: null,
      },
      {
        dbId: 965,
        ledgerType: 'SUPPLIER',
        code: 'S-900',
        description: 'Sub-entity supplier',
        email: null,
        phone: null,
        bankAccount: null,
        companyDbId: null,
        currencyDbId: 11,
        address: null,
        ownerDbId: DEMO_SUB_ENTITY_DBID,
      },
    ],
  };
}

export interface GenerateEmployeesOptions {
  count: number;
  ownerDbId?: number;
  /** Employee codes are `${codePrefix}${n}` zero-padded to 6 digits. */
  codePrefix?: string;
  startNumber?: number;
}

/**
 * Bulk-create employees with contact and subledger directly in the state (for tests and benchmarks;
 * bypasses the API, so no stats, limits or deltas).
 */
export function generateEmployees(state: FakeState, options: GenerateEmployeesOptions): EmployeeRow[] {
  const owner = options.ownerDbId ?? DEMO_OWNER_DBID;
  const prefix = options.codePrefix ?? 'E';
  const start = options.startNumber ?? 1;
  const stamp = state.timestamp();
  const out: EmployeeRow[] = [];
  for (let i = 0; i < options.count; i++) {
    const n = start + i;
    const code = `${prefix}${String(n).padStart(6, '0')}`;
    const first = `First${n}`;
    const last = `Last${n}`;
    const email = `employee${n}@example.com`;
    const contact: ContactRow = state.tables.contacts.insert({
      dbId: state.allocId(),
      ownerDbId: owner,
      createdAt: stamp,
      modifiedAt: stamp,
      code,
      firstName: first,
      middleName: null,
      lastName: last,
      email,
      phone: null,
      birthday: null,
      socialSec: null,
      jobTitle: null,
      genderDbId: null,
      countryDbId: 21,
      address: null,
    });
    const subledger: SubledgerRow = state.tables.subledgers.insert({
      dbId: state.allocId(),
      ownerDbId: owner,
      createdAt: stamp,
      modifiedAt: stamp,
      ledgerType: 'EMPLOYEE',
      code,
      description: `${first} ${last}`,
      email,
      phone: null,
      bankAccount: null,
      companyDbId: null,
      currencyDbId: 11,
      address: null,
    });
    out.push(
      state.tables.employees.insert({
        dbId: state.allocId(),
        ownerDbId: owner,
        createdAt: stamp,
        modifiedAt: stamp,
        code,
        description: `${first} ${last}`,
        email,
        employmentFrom: '2020-01-01',
        employmentTo: null,
        trialTo: null,
        noticeDate: null,
        dateFrom: null,
        dateTo: null,
        contactDbId: contact.dbId,
        subledgerDbId: subledger.dbId,
      }),
    );
  }
  return out;
}

/** Every other ISO 3166 country, as a real Xledger has them (dbIds from 2000, English names from ICU). */
function otherCountries(): Array<{ dbId: number; code: string; description: string; currencyDbId: null }> {
  const seeded = new Set(['NO', 'SE', 'DK', 'FI', 'DE', 'GB', 'US']);
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  return [...ISO_3166_ALPHA2]
    .filter((code) => !seeded.has(code))
    .sort()
    .map((code, i) => ({ dbId: 2000 + i, code, description: names.of(code) ?? code, currencyDbId: null }));
}
