import type { HrEmployee, HrPosition } from '../../domain';
import type { Employee, XledgerClient } from '../../xledger';
import { OWNER } from './sync-harness';

/**
 * The exact Xledger state a sync run must leave behind, worked out from the HR data on its own (deliberately not
 * through the product's mapping table, so a mapping bug cannot make a test agree with itself), and the same shape
 * read back from the fake. One flat record per employee, every field the sync writes, compared field by field.
 */
export interface XledgerEmployeeState {
  code: string | null;
  description: string | null;
  email: string | null;
  employmentFrom: string | null;
  employmentTo: string | null;
  trialTo: string | null;
  noticeDate: string | null;
  contact: {
    firstName: string | null;
    lastName: string | null;
    email: string | null;
    phone: string | null;
    birthday: string | null;
    socialSec: string | null;
    gender: string | null;
    country: string | null;
    jobTitle: string | null;
    address: AddressState | null;
  };
  subledger: {
    description: string | null;
    email: string | null;
    phone: string | null;
    bankAccount: string | null;
    address: AddressState | null;
  };
}

interface AddressState {
  streetAddress: string | null;
  zipCode: string | null;
  place: string | null;
  country: string | null;
}

const GENDER_NAME: Record<string, string> = { male: 'Male', female: 'Female', other: 'Unknown' };

const isCurrent = (p: HrPosition, today: string) => p.startDate <= today && (p.endDate == null || p.endDate >= today);

/** Employment dates and job title for the position layouts generateEmployees makes (HR → Xledger only). */
function fromPositions(positions: readonly HrPosition[], today: string) {
  if (positions.length === 0) return { employmentFrom: null, employmentTo: null, trialTo: null, noticeDate: null, jobTitle: null };
  const starts = positions.map((p) => p.startDate).sort();
  const ends = positions.map((p) => p.endDate ?? null);
  const employmentTo = ends.includes(null) ? null : (ends as string[]).sort()[ends.length - 1];
  const pool = positions.some((p) => p.primary) ? positions.filter((p) => p.primary) : positions;
  const current = pool.filter((p) => isCurrent(p, today)).sort((a, b) => (a.startDate < b.startDate ? 1 : -1));
  const selected = current[0];
  if (!selected) throw new Error('expected-state: only employees with a current primary position are modelled');
  return {
    employmentFrom: starts[0],
    employmentTo,
    trialTo: selected.probationEndDate ?? null,
    noticeDate: selected.noticeDate ?? null,
    jobTitle: selected.jobTitle,
  };
}

/** What Xledger must hold for one (valid, active) HR employee after a sync. */
export function expectedXledgerEmployee(e: HrEmployee, today: string): XledgerEmployeeState {
  const name = [e.firstName, e.lastName].filter((p) => p && p.trim() !== '').join(' ') || null;
  const address: AddressState | null = e.address
    ? { streetAddress: e.address.street, zipCode: e.address.postalCode, place: e.address.place, country: e.address.country }
    : null;
  const pos = fromPositions(e.positions, today);
  return {
    code: e.employeeNumber,
    description: name,
    email: e.workEmail,
    employmentFrom: pos.employmentFrom,
    employmentTo: pos.employmentTo,
    trialTo: pos.trialTo,
    noticeDate: pos.noticeDate,
    contact: {
      firstName: e.firstName,
      lastName: e.lastName,
      email: e.workEmail,
      phone: e.phone,
      birthday: e.birthDate,
      socialSec: e.nationalId,
      gender: e.gender ? GENDER_NAME[e.gender] : null,
      country: e.nationality,
      jobTitle: pos.jobTitle,
      address,
    },
    subledger: { description: name, email: e.workEmail, phone: e.phone, bankAccount: e.bankAccount, address },
  };
}

const v = (s: string | null | undefined): string | null => (s === undefined || s === '' ? null : s);

function addressOf(
  a: { streetAddress?: string | null; zipCode?: string | null; place?: string | null; country?: { code?: string | null } | null } | null | undefined,
): AddressState | null {
  if (!a) return null;
  const out = { streetAddress: v(a.streetAddress), zipCode: v(a.zipCode), place: v(a.place), country: v(a.country?.code) };
  return Object.values(out).every((x) => x === null) ? null : out;
}

/** The same shape, read from an Xledger employee (with its contact and subledger). */
export function actualXledgerEmployee(x: Employee): XledgerEmployeeState {
  const c = x.contact ?? null;
  const s = x.subledger ?? null;
  return {
    code: v(x.code),
    description: v(x.description),
    email: v(x.email),
    employmentFrom: v(x.employmentFrom),
    employmentTo: v(x.employmentTo),
    trialTo: v(x.trialTo),
    noticeDate: v(x.noticeDate),
    contact: {
      firstName: v(c?.firstName),
      lastName: v(c?.lastName),
      email: v(c?.email),
      phone: v(c?.phone),
      birthday: v(c?.birthday),
      socialSec: v(c?.socialSec),
      gender: v(c?.gender?.name),
      country: v(c?.country?.code),
      jobTitle: v(c?.jobTitle),
      address: addressOf(c?.address),
    },
    subledger: {
      description: v(s?.description),
      email: v(s?.email),
      phone: v(s?.phone),
      bankAccount: v(s?.bankAccount),
      address: addressOf(s?.address),
    },
  };
}

/** Expected state of owner 1000: one entry per active employee, ordered by code. */
export function expectedXledgerState(hr: readonly HrEmployee[], today: string): XledgerEmployeeState[] {
  return hr
    .filter((e) => e.status === 'active')
    .map((e) => expectedXledgerEmployee(e, today))
    .sort((a, b) => String(a.code).localeCompare(String(b.code)));
}

/** Every employee of the owner entity in the fake, in the same shape, ordered by code (duplicates kept). */
export async function readXledgerState(xledger: XledgerClient, owner = OWNER): Promise<XledgerEmployeeState[]> {
  const all = await xledger.employees.all({ filter: { ownerDbId: owner }, pageSize: 10000 });
  return all.map(actualXledgerEmployee).sort((a, b) => String(a.code).localeCompare(String(b.code)));
}

/** Codes that occur more than once (a duplicate is never acceptable). */
export function duplicateCodes(state: readonly XledgerEmployeeState[]): string[] {
  const seen = new Map<string, number>();
  for (const s of state) seen.set(String(s.code), (seen.get(String(s.code)) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([c]) => c);
}

/**
 * Field-by-field differences as readable lines ("E00012 contact.phone: expected … got …"), plus missing and
 * extra codes; empty when the states are equal. National ids and bank accounts are shown only as "differs".
 */
export function diffStates(expected: readonly XledgerEmployeeState[], actual: readonly XledgerEmployeeState[]): string[] {
  const out: string[] = [];
  const byCode = new Map<string, XledgerEmployeeState[]>();
  for (const a of actual) byCode.set(String(a.code), [...(byCode.get(String(a.code)) ?? []), a]);
  const expectedCodes = new Set(expected.map((e) => String(e.code)));
  for (const e of expected) {
    const got = byCode.get(String(e.code)) ?? [];
    if (got.length === 0) {
      out.push(`${e.code}: missing in Xledger`);
      continue;
    }
    if (got.length > 1) out.push(`${e.code}: ${got.length} employees in Xledger`);
    compare(String(e.code), '', e as unknown as Record<string, unknown>, got[0] as unknown as Record<string, unknown>, out);
  }
  for (const a of actual) if (!expectedCodes.has(String(a.code))) out.push(`${a.code}: in Xledger but not expected`);
  return out;
}

const SECRET = new Set(['contact.socialSec', 'subledger.bankAccount']);

function compare(code: string, prefix: string, e: Record<string, unknown>, a: Record<string, unknown>, out: string[]): void {
  for (const key of Object.keys(e)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const ev = e[key];
    const av = a?.[key] ?? null;
    if (ev !== null && typeof ev === 'object' && av !== null && typeof av === 'object') {
      compare(code, path, ev as Record<string, unknown>, av as Record<string, unknown>, out);
    } else if (JSON.stringify(ev) !== JSON.stringify(av)) {
      out.push(
        SECRET.has(path)
          ? `${code} ${path}: differs`
          : `${code} ${path}: expected ${JSON.stringify(ev)?.slice(0, 80)}, got ${JSON.stringify(av)?.slice(0, 80)}`,
      );
    }
  }
}
