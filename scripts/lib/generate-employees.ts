import { createRng } from '../../xledger/fake/rng';
import type { Gender, HrEmployee, HrPosition } from '../../domain';

/**
 * Deterministic, seeded generator of realistic Norwegian employees (and of deliberately bad HR rows)
 * for tests, the demo and benchmarks. Identity and account numbers are synthetic but valid:
 * national ids are Test-Norge/Tenor style (month + 80) with correct mod-11 check digits.
 */

export interface GenerateOptions {
  seed: number;
  /** 'YYYY-MM-DD'; positions start before it. Defaults to a fixed date so output never depends on the clock. */
  today?: string;
}

const DEFAULT_TODAY = '2026-01-15';

/** mulberry32: a tiny, fast 32-bit PRNG; the same seed always gives the same sequence (shared with the fake). */
export const mulberry32 = createRng;

export class SeededRandom {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

const FEMALE_NAMES = [
  'Anne',
  'Inger',
  'Kari',
  'Marit',
  'Ingrid',
  'Liv',
  'Eva',
  'Berit',
  'Astrid',
  'Bjørg',
  'Hilde',
  'Anna',
  'Solveig',
  'Marianne',
  'Randi',
  'Ida',
  'Nina',
  'Maria',
  'Elisabeth',
  'Kristin',
  'Bente',
  'Heidi',
  'Silje',
  'Hanne',
  'Gunn',
  'Åse',
  'Sølvi',
  'Frøydis',
  'Tone',
  'Ragnhild',
  'Tove',
  'Wenche',
  'Camilla',
  'Turid',
  'Grete',
  'Nora',
  'Emma',
  'Sofie',
  'Ingeborg',
  'Sigrid',
  'Mari',
  'Kjersti',
  'Guro',
  'Åshild',
  'Gøril',
  'Sønnøve',
  'Bodil',
  'Lene',
  'Anne-Marit',
  'Marte',
  'Thea',
  'Julie',
  'Vilde',
  'Synnøve',
  'Torunn',
  'Æsa',
  'Mette',
  'Ellen',
  'Line',
  'Stine',
];
const MALE_NAMES = [
  'Jan',
  'Per',
  'Bjørn',
  'Ole',
  'Lars',
  'Kjell',
  'Knut',
  'Arne',
  'Svein',
  'Thomas',
  'Hans',
  'Geir',
  'Tor',
  'Morten',
  'Terje',
  'Odd',
  'Erik',
  'Martin',
  'Andreas',
  'John',
  'Anders',
  'Rune',
  'Trond',
  'Tore',
  'Jon',
  'Øystein',
  'Håkon',
  'Ståle',
  'Kåre',
  'Ørjan',
  'Åsmund',
  'Jørgen',
  'Torbjørn',
  'Ådne',
  'Sindre',
  'Magnus',
  'Henrik',
  'Eirik',
  'Even',
  'Sigurd',
  'Halvard',
  'Gaute',
  'Jens',
  'Steinar',
  'Øyvind',
  'Tor-Åge',
  'Bård',
  'Pål',
  'Espen',
  'Helge',
  'Vegard',
  'Jostein',
  'Kristoffer',
  'Mathias',
  'Emil',
  'Jakob',
  'Aksel',
  'Sverre',
  'Håvard',
  'Frode',
];
const LAST_NAMES = [
  'Hansen',
  'Johansen',
  'Olsen',
  'Larsen',
  'Andersen',
  'Pedersen',
  'Nilsen',
  'Kristiansen',
  'Jensen',
  'Karlsen',
  'Johnsen',
  'Pettersen',
  'Eriksen',
  'Berg',
  'Haugen',
  'Hagen',
  'Johannessen',
  'Andreassen',
  'Jacobsen',
  'Dahl',
  'Jørgensen',
  'Halvorsen',
  'Henriksen',
  'Lund',
  'Sørensen',
  'Jakobsen',
  'Moen',
  'Gundersen',
  'Iversen',
  'Strand',
  'Solberg',
  'Svendsen',
  'Eide',
  'Knutsen',
  'Martinsen',
  'Paulsen',
  'Bakken',
  'Kristoffersen',
  'Mathisen',
  'Lie',
  'Amundsen',
  'Nguyen',
  'Rasmussen',
  'Ali',
  'Lunde',
  'Solheim',
  'Berge',
  'Moe',
  'Nygård',
  'Bakke',
  'Kristensen',
  'Fredriksen',
  'Holm',
  'Lien',
  'Hauge',
  'Christensen',
  'Andresen',
  'Nielsen',
  'Knudsen',
  'Evensen',
  'Sæther',
  'Aas',
  'Myhre',
  'Hanssen',
  'Ahmed',
  'Haugland',
  'Thomassen',
  'Sivertsen',
  'Simonsen',
  'Danielsen',
  'Berntsen',
  'Sandvik',
  'Rønning',
  'Arnesen',
  'Antonsen',
  'Næss',
  'Vik',
  'Haug',
  'Ellingsen',
  'Thorsen',
  'Edvardsen',
  'Birkeland',
  'Isaksen',
  'Gulbrandsen',
  'Ruud',
  'Aasen',
  'Strøm',
  'Myklebust',
  'Tangen',
  'Ødegård',
  'Eliassen',
  'Helland',
  'Bøe',
  'Aune',
  'Mikkelsen',
  'Tveit',
  'Brekke',
  'Abrahamsen',
  'Sætre',
  'Økland',
  'Løken',
  'Bråten',
  'Østby',
  'Grønli',
  'Kvåle',
  'Åsheim',
  'Bjørnstad',
  'Fjørtoft',
  'Mæhle',
  'Skårdal',
  'Sønstebø',
  'Værnes',
  'Ås',
  'Van der Berg',
];
const STREETS = [
  'Storgata',
  'Kirkegata',
  'Skolegata',
  'Parkveien',
  'Strandveien',
  'Bjørkeveien',
  'Granveien',
  'Furuveien',
  'Kongens gate',
  'Dronningens gate',
  'Sjøgata',
  'Møllevegen',
  'Solbakken',
  'Løkkeveien',
  'Åsveien',
  'Bekkeveien',
  'Fjellveien',
  'Tunveien',
  'Rådhusgata',
  'Nedre Slottsgate',
  'Øvre Holmegate',
  'Jernbanegata',
  'Bryggen',
  'Hagegata',
];
/** Real postcode/place pairs from the Bring register. */
const POSTAL_PLACES: ReadonlyArray<readonly [string, string]> = [
  ['0150', 'OSLO'],
  ['0250', 'OSLO'],
  ['0350', 'OSLO'],
  ['0450', 'OSLO'],
  ['0560', 'OSLO'],
  ['0661', 'OSLO'],
  ['0763', 'OSLO'],
  ['0870', 'OSLO'],
  ['0970', 'OSLO'],
  ['1337', 'SANDVIKA'],
  ['1366', 'LYSAKER'],
  ['1405', 'LANGHUS'],
  ['1430', 'ÅS'],
  ['1440', 'DRØBAK'],
  ['1470', 'LØRENSKOG'],
  ['1532', 'MOSS'],
  ['1606', 'FREDRIKSTAD'],
  ['1710', 'SARPSBORG'],
  ['1767', 'HALDEN'],
  ['1850', 'MYSEN'],
  ['2000', 'LILLESTRØM'],
  ['2040', 'KLØFTA'],
  ['2050', 'JESSHEIM'],
  ['2317', 'HAMAR'],
  ['2380', 'BRUMUNDDAL'],
  ['2609', 'LILLEHAMMER'],
  ['2670', 'OTTA'],
  ['2815', 'GJØVIK'],
  ['2900', 'FAGERNES'],
  ['3015', 'DRAMMEN'],
  ['3110', 'TØNSBERG'],
  ['3210', 'SANDEFJORD'],
  ['3256', 'LARVIK'],
  ['3616', 'KONGSBERG'],
  ['3717', 'SKIEN'],
  ['4006', 'STAVANGER'],
  ['4306', 'SANDNES'],
  ['4610', 'KRISTIANSAND S'],
  ['4836', 'ARENDAL'],
  ['5003', 'BERGEN'],
  ['5527', 'HAUGESUND'],
  ['6002', 'ÅLESUND'],
  ['6413', 'MOLDE'],
  ['7010', 'TRONDHEIM'],
  ['7600', 'LEVANGER'],
  ['8006', 'BODØ'],
  ['9008', 'TROMSØ'],
  ['9510', 'ALTA'],
  ['1332', 'ØSTERÅS'],
  ['1410', 'KOLBOTN'],
];
const DEPARTMENTS = ['Økonomi', 'Salg', 'IT', 'HR', 'Produksjon', 'Kundeservice', 'Lager', 'Ledelse'];
const LEGAL_ENTITIES = ['Fjordlys AS', 'Fjordlys Eiendom AS', 'Fjordlys Drift AS'];
const EMPLOYMENT_TYPES = ['permanent', 'temporary', 'hourly', 'apprentice'];
const JOB_TITLES = [
  'Regnskapsfører',
  'Controller',
  'Økonomisjef',
  'Selger',
  'Key Account Manager',
  'Utvikler',
  'Systemansvarlig',
  'HR-rådgiver',
  'Operatør',
  'Produksjonsleder',
  'Kundebehandler',
  'Lagermedarbeider',
  'Daglig leder',
  'Prosjektleder',
  'Lærling',
  'Konsulent',
  'Avdelingsleder',
  'Innkjøper',
];
const NATIONALITIES = ['NO', 'NO', 'NO', 'NO', 'NO', 'NO', 'NO', 'SE', 'DK', 'PL', 'LT', 'DE'];
const MOBILE_PREFIXES = ['40', '41', '45', '46', '47', '48', '90', '91', '92', '93', '94', '95', '97', '98', '99'];
const BANK_PREFIXES = ['1503', '1506', '1207', '3000', '9710', '1254', '1822', '4200', '3201', '6003', '1594', '2801'];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function isoDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}
function toMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}
const DAY = 86_400_000;
const addDays = (date: string, days: number) => isoDate(toMs(date) + days * DAY);
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return isoDate(Date.UTC(y, m - 1 + months, Math.min(d, 28)));
}

/** Mod-11 check digit, or null when the weights give 10 (no valid digit). */
function mod11(digits: string, weights: readonly number[]): number | null {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i];
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? null : check;
}
const K1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
const ACCOUNT_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** Individnummer ranges that give the right century for a year of birth. */
function individualRange(year: number): [number, number] {
  if (year >= 2000) return [500, 999];
  return [0, 499];
}

/** A synthetic Test-Norge national id (month + 80) for a birth date; the individnummer's parity follows gender. */
export function syntheticNationalId(rnd: SeededRandom, birthDate: string, gender: Gender): string {
  const [y, m, d] = birthDate.split('-').map(Number);
  const [lo, hi] = individualRange(y);
  for (;;) {
    let individual = rnd.int(lo, hi);
    if (gender !== 'other' && individual % 2 !== (gender === 'male' ? 1 : 0)) individual = individual === hi ? individual - 1 : individual + 1;
    const base = `${pad(d, 2)}${pad(m + 80, 2)}${pad(y % 100, 2)}${pad(individual, 3)}`;
    const k1 = mod11(base, K1);
    if (k1 === null) continue;
    const k2 = mod11(base + k1, K2);
    if (k2 === null) continue;
    return `${base}${k1}${k2}`;
  }
}

/** A Norwegian kontonummer with a correct mod-11 check digit. */
export function syntheticBankAccount(rnd: SeededRandom): string {
  for (;;) {
    const first10 = rnd.pick(BANK_PREFIXES) + rnd.digits(6);
    const check = mod11(first10, ACCOUNT_WEIGHTS);
    if (check !== null) return first10 + check;
  }
}

/** ASCII form for email local parts: ø→o, æ→ae, å→aa, other accents dropped. */
export function asciiFold(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function positionsFor(rnd: SeededRandom, birthDate: string, today: string, deactivated: boolean): HrPosition[] {
  const earliest = Math.max(toMs(addMonths(birthDate, 12 * 20)), toMs('1985-01-01'));
  const latest = toMs(addDays(today, -60));
  const count = rnd.int(1, 3);
  const starts: string[] = [];
  for (let i = 0; i < count; i++) starts.push(isoDate(earliest + rnd.int(0, Math.max(0, Math.floor((latest - earliest) / DAY))) * DAY));
  const unique = [...new Set(starts)].sort();
  return unique.map((startDate, i) => {
    const last = i === unique.length - 1;
    let endDate: string | null = last ? null : addDays(unique[i + 1], -1);
    let noticeDate: string | null = null;
    if (last && deactivated) {
      endDate = isoDate(Math.min(toMs(addMonths(startDate, rnd.int(2, 60))), toMs(addDays(today, -1))));
      const notice = addMonths(endDate, -rnd.int(1, 3));
      noticeDate = notice > startDate ? notice : startDate;
    }
    const probation = addMonths(startDate, 6);
    return {
      jobTitle: rnd.pick(JOB_TITLES),
      startDate,
      endDate,
      probationEndDate: i === 0 && rnd.chance(0.7) ? probation : null,
      noticeDate,
      primary: last,
    };
  });
}

function emailFor(first: string, last: string, used: Set<string>, domain = 'fjordlys.no'): string {
  const base = `${asciiFold(first)}.${asciiFold(last)}`.replace(/-/g, '.');
  let candidate = `${base}@${domain}`;
  for (let n = 2; used.has(candidate); n++) candidate = `${base}${n}@${domain}`;
  used.add(candidate);
  return candidate;
}

function makeEmployee(rnd: SeededRandom, employeeNumber: string, today: string, usedEmails: Set<string>): HrEmployee {
  const gender: Gender = rnd.chance(0.02) ? 'other' : rnd.chance(0.5) ? 'female' : 'male';
  const firstName = rnd.pick(gender === 'female' ? FEMALE_NAMES : gender === 'male' ? MALE_NAMES : [...FEMALE_NAMES, ...MALE_NAMES]);
  const lastName = rnd.pick(LAST_NAMES);
  const birthDate = isoDate(Date.UTC(rnd.int(1960, 2003), rnd.int(0, 11), rnd.int(1, 28)));
  const [postalCode, place] = rnd.pick(POSTAL_PLACES);
  const status = rnd.chance(0.05) ? 'deactivated' : 'active';
  return {
    employeeNumber,
    workEmail: emailFor(firstName, lastName, usedEmails),
    firstName,
    lastName,
    phone: `+47${rnd.pick(MOBILE_PREFIXES)}${rnd.digits(6)}`,
    birthDate,
    nationalId: syntheticNationalId(rnd, birthDate, gender),
    gender,
    nationality: rnd.pick(NATIONALITIES),
    bankAccount: syntheticBankAccount(rnd),
    address: { street: `${rnd.pick(STREETS)} ${rnd.int(1, 120)}${rnd.chance(0.15) ? rnd.pick(['A', 'B', 'C']) : ''}`, postalCode, place, country: 'NO' },
    status,
    department: rnd.pick(DEPARTMENTS),
    legalEntity: rnd.pick(LEGAL_ENTITIES),
    employmentType: rnd.pick(EMPLOYMENT_TYPES),
    updatedAt: null,
    positions: positionsFor(rnd, birthDate, today, status === 'deactivated'),
  };
}

/** N valid employees E00001…, each as validateHrEmployee would normalise it. */
export function generateEmployees(n: number, options: GenerateOptions): HrEmployee[] {
  const rnd = new SeededRandom(options.seed);
  const today = options.today ?? DEFAULT_TODAY;
  const used = new Set<string>();
  return Array.from({ length: n }, (_, i) => makeEmployee(rnd, `E${pad(i + 1, 5)}`, today, used));
}

export type BadRecordKind =
  | 'malformed-email'
  | 'duplicate-email'
  | 'duplicate-employee-number'
  | 'invalid-national-id'
  | 'invalid-bank-account'
  | 'missing-required-field'
  | 'very-long-name'
  | 'control-characters'
  | 'hard-but-valid';

/** One raw HR row (the domain's input shape), bad in one specific way or deliberately awkward but valid. */
export interface BadRecord {
  kind: BadRecordKind;
  /** True for the 'hard but valid' rows, which must be accepted. */
  valid: boolean;
  /** The field the rejection names (null for valid rows). */
  field: string | null;
  /** What the rejection's reason says (null for valid rows). */
  reason: RegExp | null;
  /** For duplicates: the employee number of the good employee (from `against`) this row collides with. */
  duplicateOf?: string;
  raw: Record<string, unknown>;
}

export interface BadRecordOptions extends GenerateOptions {
  /** Good employees the duplicates copy from; defaults to generateEmployees(max(n, 1), options). */
  against?: readonly HrEmployee[];
}

const BAD_KINDS: readonly BadRecordKind[] = [
  'malformed-email',
  'duplicate-email',
  'duplicate-employee-number',
  'invalid-national-id',
  'invalid-bank-account',
  'missing-required-field',
  'very-long-name',
  'control-characters',
  'hard-but-valid',
];
/** Each is made unique with the record's number, so malformed emails never also collide with each other. */
const MALFORMED_EMAILS = [
  (n: string) => `ola.nordmann.${n}@@fjordlys.no`,
  (n: string) => `kari nordmann.${n}@fjordlys.no`,
  (n: string) => `per.${n}@fjordlys`,
  (n: string) => `@${n}.fjordlys.no`,
  (n: string) => `åse.${n}@`,
];
const REQUIRED = ['workEmail', 'firstName', 'lastName'] as const;
const CONTROL_NAMES = ['Ola\u0007Nordmann', 'Kari\nNordmann', 'Per\tHansen', 'Åse\u0000Berg'];
const HARD_NAMES: ReadonlyArray<readonly [string, string]> = [
  ["O'Brien", 'D\'Angelo "Kalle"'],
  ['Back\\slash', 'C:\\Users\\Ørjan'],
  ['Sølvi 🌲', 'Fjørtoft 🎉👩‍💻'],
  ['مريم', 'דנה-כהן'],
  ['Æsa Ørnhild', 'Åsheim-Ødegård'],
  ['Anne-Marit', "Ødegård, jr. 'Junior'"],
];

function flipLastDigit(value: string): string {
  const last = Number(value[value.length - 1]);
  return value.slice(0, -1) + String((last + 1) % 10);
}

function toRaw(e: HrEmployee): Record<string, unknown> {
  return { ...e, address: e.address ? { ...e.address } : null, positions: e.positions.map((p) => ({ ...p })) };
}

/**
 * N raw rows cycling through the bad kinds above and the "hard but valid" ones. Employee numbers are B00001…
 * (except the duplicates), emails are unique unless duplicated on purpose.
 */
export function generateBadRecords(n: number, options: BadRecordOptions): BadRecord[] {
  const rnd = new SeededRandom(options.seed ^ 0x5bd1e995);
  const today = options.today ?? DEFAULT_TODAY;
  const against = options.against ?? generateEmployees(Math.max(n, 1), options);
  const used = new Set<string>(against.map((e) => (e.workEmail ?? '').toLowerCase()));
  const out: BadRecord[] = [];
  for (let i = 0; i < n; i++) {
    const kind = BAD_KINDS[i % BAD_KINDS.length];
    const round = Math.floor(i / BAD_KINDS.length);
    const base = makeEmployee(rnd, `B${pad(i + 1, 5)}`, today, used);
    const raw = toRaw(base);
    const target = against[(i * 7) % against.length];
    const record = (field: string | null, reason: RegExp | null, extra: Partial<BadRecord> = {}): BadRecord => ({
      kind,
      valid: field === null,
      field,
      reason,
      raw,
      ...extra,
    });
    switch (kind) {
      case 'malformed-email':
        raw.workEmail = MALFORMED_EMAILS[round % MALFORMED_EMAILS.length](base.employeeNumber.toLowerCase());
        out.push(record('workEmail', /not a valid email address/));
        break;
      case 'duplicate-email':
        raw.workEmail = ` ${String(target.workEmail).toUpperCase()} `;
        out.push(record('workEmail', /more than one employee/, { duplicateOf: target.employeeNumber }));
        break;
      case 'duplicate-employee-number':
        raw.employeeNumber = target.employeeNumber;
        out.push(record('employeeNumber', /more than one person/, { duplicateOf: target.employeeNumber }));
        break;
      case 'invalid-national-id':
        raw.nationalId = flipLastDigit(String(base.nationalId));
        out.push(record('nationalId', /check digits/));
        break;
      case 'invalid-bank-account':
        raw.bankAccount = flipLastDigit(String(base.bankAccount));
        out.push(record('bankAccount', /check digit/));
        break;
      case 'missing-required-field': {
        const field = REQUIRED[round % REQUIRED.length];
        raw[field] = round % 2 === 0 ? null : '   ';
        out.push(record(field, /is required but missing/));
        break;
      }
      case 'very-long-name':
        raw.firstName = 'Å'.repeat(10_000);
        out.push(record('firstName', /too long/));
        break;
      case 'control-characters':
        raw.lastName = CONTROL_NAMES[round % CONTROL_NAMES.length];
        out.push(record('lastName', /control character/));
        break;
      case 'hard-but-valid': {
        const [firstName, lastName] = HARD_NAMES[round % HARD_NAMES.length];
        Object.assign(raw, { firstName, lastName });
        out.push(record(null, null));
        break;
      }
    }
  }
  return out;
}
