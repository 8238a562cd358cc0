import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, DefaultLogger, type Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import { createWorker } from '../../workers/create-worker';
import { createDataConverter } from '../../temporal/data-converter';
import { requireEnv, testSecretKey, TEST_NAMESPACE } from './test-env';

export interface TestTemporal {
  /** Encrypts and decrypts the payloads of this client and its workers (the XSYNC_SECRET_KEY they share). */
  secretKey: string;
  client: Client;
  nativeConnection: NativeConnection;
  taskQueue: string;
  startWorker(activities: Activities): Promise<Worker>;
  close(): Promise<void>;
}

/** Connects to the run's shared dev server; every test file gets its own task queue. */
export async function connectTestTemporal(secretKey: string = testSecretKey()): Promise<TestTemporal> {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Installed by an earlier test file in this process: the runtime is process-wide.
  }
  const address = requireEnv('TEMPORAL_ADDRESS');
  const connection = await Connection.connect({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  const taskQueue = `test-${randomBytes(4).toString('hex')}`;
  return {
    secretKey,
    client: new Client({ connection, namespace: TEST_NAMESPACE, dataConverter: createDataConverter(secretKey) }),
    nativeConnection,
    taskQueue,
    startWorker: (activities) =>
      createWorker({
        connection: nativeConnection,
        namespace: TEST_NAMESPACE,
        taskQueue,
        activities,
        secretKey,
        workflowBundle: { codePath: requireEnv('XSYNC_TEST_WORKFLOW_BUNDLE') },
      }),
    close: async () => {
      await connection.close();
      await nativeConnection.close();
    },
  };
}
