import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { msToTs } from '@temporalio/common/lib/time';
import { allSearchAttributes } from '../../workflows/shared/search-attributes';

/**
 * Makes sure the namespace and the project's search attributes exist on any Temporal server
 * (a dev server started elsewhere, docker-compose, or a cluster). Idempotent.
 */
export async function ensureNamespace(address: string, namespace: string, retentionDays = 30): Promise<{ created: boolean; addedAttributes: string[] }> {
  const connection = await Connection.connect({ address, connectTimeout: 5000 });
  try {
    let created = false;
    try {
      await connection.workflowService.describeNamespace({ namespace });
    } catch (err) {
      if ((err as { code?: number }).code !== 5 /* NOT_FOUND */) throw err;
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`),
      });
      created = true;
    }
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const known = new Set(Object.keys(existing.customAttributes ?? {}));
    const missing = allSearchAttributes.filter((key) => !known.has(key.name));
    if (missing.length) {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(
          missing.map((key) => [
            key.name,
            key.type === 'INT'
              ? temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT
              : temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          ]),
        ),
      });
    }
    return { created, addedAttributes: missing.map((k) => k.name) };
  } finally {
    await connection.close();
  }
}
