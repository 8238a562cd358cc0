import type { HrEmployee } from '../../domain';
import { SeededRandom } from '../lib/generate-employees';

export const BENCH_SEED = 20_261_123;

const NEW_LAST_NAMES = ['Ødegård-Nilsen', 'Bjørnstad', 'Sæther-Lie', 'Aas', 'Fjørtoft', 'Kvåle', 'Østby', 'Mæhle'];
const NEW_STREETS = ['Nye Storgata', 'Bryggegata', 'Øvre Åsvei', 'Kjærlighetsstien', 'Tollbugata'];
const MOBILE_PREFIXES = ['40', '41', '45', '46', '47', '48', '90', '91', '92', '93', '94', '95', '97', '98', '99'];

export type ChangeKind = 'phone' | 'lastName' | 'address';

export interface ChangeSet {
  employees: HrEmployee[];
  byKind: Record<ChangeKind, number>;
}

/**
 * `pct` % of the ACTIVE employees (locked ones are never written, so changing them would test nothing),
 * spread evenly over the list, each with one change in turn: phone, last name (which also changes the
 * Xledger description), street address. Deterministic for a given seed.
 */
export function changeSome(employees: readonly HrEmployee[], pct: number, seed = BENCH_SEED): ChangeSet {
  const rnd = new SeededRandom(seed ^ 0x2545f491);
  const active = employees.filter((e) => e.status === 'active');
  const wanted = Math.min(active.length, Math.round((employees.length * pct) / 100));
  const byKind: Record<ChangeKind, number> = { phone: 0, lastName: 0, address: 0 };
  const out: HrEmployee[] = [];
  if (wanted === 0) return { employees: out, byKind };
  const step = active.length / wanted;
  for (let i = 0; i < wanted; i++) {
    const e = active[Math.floor(i * step)]!;
    const kind = (['phone', 'lastName', 'address'] as const)[i % 3]!;
    byKind[kind]++;
    const changed: HrEmployee = { ...e, address: e.address ? { ...e.address } : null, positions: e.positions.map((p) => ({ ...p })) };
    if (kind === 'phone') {
      let phone = e.phone;
      while (phone === e.phone) phone = `+47${rnd.pick(MOBILE_PREFIXES)}${rnd.digits(6)}`;
      changed.phone = phone;
    } else if (kind === 'lastName') {
      let lastName = e.lastName;
      while (lastName === e.lastName) lastName = rnd.pick(NEW_LAST_NAMES);
      changed.lastName = lastName;
    } else {
      changed.address = {
        ...(e.address ?? { postalCode: '0150', place: 'OSLO', country: 'NO' }),
        street: `${rnd.pick(NEW_STREETS)} ${rnd.int(121, 400)}`,
      } as HrEmployee['address'];
    }
    out.push(changed);
  }
  return { employees: out, byKind };
}
