import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createDataConverter } from '../temporal/data-converter';
import type { Activities } from '../activities';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: Activities;
  /** XSYNC_SECRET_KEY: payloads are encrypted with it (temporal/encryption-codec.ts), as the clients do. */
  secretKey: string;
  /** A pre-built workflow bundle (tests bundle once); otherwise the worker bundles workflows/ itself. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  identity?: string;
  /** XSYNC_ACCEPT_PLAINTEXT_PAYLOADS: only while migrating an install that ran without encryption. */
  acceptPlaintext?: boolean;
}

export const workflowsPath = require.resolve('../workflows');

export function createWorker(o: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    activities: o.activities,
    dataConverter: createDataConverter(o.secretKey, { acceptPlaintext: o.acceptPlaintext ?? false }),
    ...(o.workflowBundle ? { workflowBundle: o.workflowBundle } : { workflowsPath }),
    ...(o.identity ? { identity: o.identity } : {}),
    // Long-running waits for admin decisions must not pin the cache; bounded concurrency keeps a 2-core box responsive.
    maxConcurrentActivityTaskExecutions: 20,
  });
}
