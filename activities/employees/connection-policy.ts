import type { EmployeeSettings } from '../../config/connection-settings';
import type { SyncPolicy } from '../../domain/index';
import type { RequiredHrField } from '../../domain/employees/validation/hr-employee';

/** The domain's policy from a connection's employee settings (`connection.settings.employees`). */
export function syncPolicyOf(settings: EmployeeSettings): SyncPolicy {
  return {
    direction: settings.direction,
    fields: settings.fieldPolicies as SyncPolicy['fields'],
    createInXledger: settings.createInXledger,
    createInHr: settings.createInHr,
  };
}

export const requiredFieldsOf = (settings: EmployeeSettings): RequiredHrField[] => settings.requiredFields as RequiredHrField[];
