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

/**
 * The policy of a real-time push: HR → Xledger only, nobody created in HR, people added in HR created in Xledger only
 * when `realtime.createInXledger` says so (a push never waits for an admin).
 */
export function pushPolicyOf(settings: EmployeeSettings): SyncPolicy {
  return {
    ...syncPolicyOf(settings),
    direction: 'hr-to-xledger',
    createInXledger: settings.realtime.createInXledger ? 'auto' : 'never',
    createInHr: 'never',
  };
}

export const requiredFieldsOf = (settings: EmployeeSettings): RequiredHrField[] => settings.requiredFields as RequiredHrField[];
