import { buildAddEmployeeInputs, readHrValues, type HrEmployee } from '../../domain';
import type { XledgerClient } from '../../xledger';

/**
 * Puts people straight into the fake Xledger (over HTTP, as another Xledger user would), built from HR-shaped data
 * so a test can make both sides agree or differ on purpose.
 */
export async function addToXledger(xledger: XledgerClient, people: readonly HrEmployee[], today: string): Promise<Map<string, number>> {
  const { addEmployees } = buildAddEmployeeInputs(people.map((p) => ({ employeeNumber: p.employeeNumber, values: readHrValues(p, { today }) })));
  const added = await xledger.employees.add(addEmployees as never);
  return new Map(added.map((a) => [a.clientId, (a.node as { dbId: number }).dbId]));
}
