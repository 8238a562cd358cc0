import type { ActivityDeps } from '../deps';
import { createInvoiceCustomerActivities } from './customers';
import { createInvoiceDigestActivities } from './digest';
import { createInvoiceExportActivities } from './export-batch';
import { createInvoiceNotifyActivities } from './notify';
import { createInvoicePlanningActivities } from './planning';
import { createInvoiceLifecycleActivities } from './run-lifecycle';

/** The invoice export's activities (kind `invoice-export`). */
export function createInvoiceActivities(deps: ActivityDeps) {
  return {
    ...createInvoiceLifecycleActivities(deps),
    ...createInvoicePlanningActivities(deps),
    ...createInvoiceCustomerActivities(deps),
    ...createInvoiceExportActivities(deps),
    ...createInvoiceNotifyActivities(deps),
    ...createInvoiceDigestActivities(deps),
  };
}
