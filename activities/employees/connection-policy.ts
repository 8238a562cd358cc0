import type { ConnectionSettings } from '../../config/connection-settings';
import type { SyncPolicy } from '../../domain/index';
import type { RequiredHrField } from '../../domain/employees/validation/hr-employee';

/** The domain's policy from a connection's settings. */
export function syncPolicyOf(settings: ConnectionSettings): SyncPolicy {
  return {
    direction: settings.direction,
    fields: settings.fieldPolicies as SyncPolicy['fields'],
    createInXledger: settings.createInXledger,
    createInHr: settings.createInHr,
  };
}

export const requiredFieldsOf = (settings: ConnectionSettings): RequiredHrField[] => settings.requiredFields as RequiredHrField[];
