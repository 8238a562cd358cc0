/** A project's manager resolved to an email, or why not (never a guess). */
export interface ManagerEmail {
  email: string | null;
  issue: string | null;
}

export interface EmployeeEmail {
  dbId: number;
  email: string | null | undefined;
}

const normalise = (email: string) => email.trim().toLowerCase();

/**
 * Project-manager sync (seed 003: "the user's email from the employee table"): the manager's email when the employee
 * has one that no other employee shares. A manager missing from the table, without an email, or with an email that
 * another employee also has, is reported with the reason and gets no email.
 */
export function managerEmailResolver(employees: readonly EmployeeEmail[]): (managerDbId: number | null | undefined) => ManagerEmail {
  const byId = new Map(employees.map((e) => [e.dbId, e]));
  const holders = new Map<string, number>();
  for (const e of employees) {
    if (e.email && e.email.trim() !== '') holders.set(normalise(e.email), (holders.get(normalise(e.email)) ?? 0) + 1);
  }
  return (managerDbId) => {
    if (managerDbId === null || managerDbId === undefined) return { email: null, issue: null };
    const employee = byId.get(managerDbId);
    if (!employee) return { email: null, issue: `manager (employee dbId ${managerDbId}) is not in the employee table` };
    if (!employee.email || employee.email.trim() === '') return { email: null, issue: `manager (employee dbId ${managerDbId}) has no email` };
    const email = normalise(employee.email);
    const shared = holders.get(email) ?? 0;
    if (shared > 1) return { email: null, issue: `manager's email (employee dbId ${managerDbId}) is shared by ${shared} employees` };
    return { email, issue: null };
  };
}
