import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { msToTs } from '@temporalio/common/lib/time';
import { allSearchAttributes } from '../workflows/shared/search-attributes';

const GRPC_NOT_FOUND = 5;

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
    const existing = await untilNamespaceKnown(() => connection.operatorService.listSearchAttributes({ namespace }));
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

/**
 * A namespace registered a moment ago is not known to every part of the server at once (its namespace cache
 * refreshes every few seconds): calls naming it are asked again while the server answers "namespace not found".
 */
async function untilNamespaceKnown<T>(call: () => Promise<T>, waitMs = 30_000): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await call();
    } catch (err) {
      if (!isNamespaceNotFound(err) || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

const isNamespaceNotFound = (err: unknown) => {
  const { code, details, message } = err as { code?: number; details?: string; message?: string };
  return code === GRPC_NOT_FOUND && /namespace/i.test(details ?? message ?? '');
};

/** What the server's dynamic config must allow: decisions go in as workflow updates. */
export const REQUIRED_DYNAMIC_CONFIG = ['frontend.enableUpdateWorkflowExecution=true', 'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true'] as const;

/**
 * Whether the namespace accepts workflow updates, asked without starting anything: an update to a workflow that does
 * not exist is refused as "not found" where updates are enabled, and as disabled (permission denied) where not.
 * A namespace created a moment ago may not be known to every frontend yet: then this asks again for a while.
 */
export async function updatesEnabled(address: string, namespace: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const connection = await Connection.connect({ address, connectTimeout: 5000 });
  try {
    await untilNamespaceKnown(() =>
      connection.workflowService.updateWorkflowExecution({
        namespace,
        workflowExecution: { workflowId: `xsync-prepare-probe-${Date.now()}` },
        request: { meta: { updateId: 'xsync-prepare-probe' }, input: { name: 'xsync-prepare-probe' } },
        waitPolicy: { lifecycleStage: temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED },
      }),
    );
    return { ok: true }; // not reached: the workflow does not exist
  } catch (err) {
    const { code, details, message } = err as { code?: number; details?: string; message?: string };
    if (code === GRPC_NOT_FOUND && !isNamespaceNotFound(err)) return { ok: true };
    return { ok: false, reason: (details ?? message ?? String(err)).split('\n')[0]! };
  } finally {
    await connection.close();
  }
}
