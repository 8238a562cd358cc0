import type { HrEmployee } from '../../domain';
import { generateEmployees } from './generate-employees';

export interface DemoData {
  /** What the HR store holds. */
  hr: HrEmployee[];
  /** Who is already in Xledger, as HR-shaped data (some fields differ on purpose). */
  xledger: HrEmployee[];
  /** One row an HR product stored with a bad national id, to show how invalid data is reported. */
  invalidRow: { employee_number: string; work_email: string; first_name: string; last_name: string; national_id: string; status: string };
}

/**
 * ~50 realistic Norwegian employees: most exist on both sides, a few differ (conflicts), some are missing on
 * either side, one has special characters, and one HR row is invalid.
 */
export function demoData(today: string): DemoData {
  const people = generateEmployees(53, { seed: 2026, today });
  const special = { ...people[0], firstName: 'Åse-Marie "Åsa"', lastName: "O'Brien Ødegård \\ 🎉" };
  const hr = [special, ...people.slice(1, 50)];
  const onlyInXledger = people.slice(50, 53);
  const both = hr.slice(0, 43); // the last 7 HR people are new to Xledger
  const xledger = [
    ...both.map((p, i) => {
      if (i === 3) return { ...p, phone: '+4790000003' }; // edited in Xledger since: a conflict
      if (i === 7) return { ...p, lastName: `${p.lastName}-Hansen` };
      if (i === 11) return { ...p, address: { ...p.address!, street: 'Dronningens gate 1' } };
      return p;
    }),
    ...onlyInXledger,
  ];
  return {
    hr,
    xledger,
    invalidRow: {
      employee_number: 'E09999',
      work_email: 'bad.fnr@fjordlys.no',
      first_name: 'Ugyldig',
      last_name: 'Fødselsnummer',
      national_id: '12345678901',
      status: 'active',
    },
  };
}
