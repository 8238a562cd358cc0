import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/index';
import type { ConnectionCheckResult } from '../../activities/admin/connection-check';
import type { IntegrationPart } from '../../xledger/scopes';

export type { ConnectionCheckResult, ConnectionCheckStatus, MissingScope } from '../../activities/admin/connection-check';

// A refused token, an unreachable URL and missing scopes come back as a result, not a failure; what is left
// (database, throttling) gets a few quick tries so `xsync connections test` answers within about a minute.
const { probeXledgerConnection } = proxyActivities<Activities>({
  startToCloseTimeout: '90 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumAttempts: 3 },
});

export interface CheckConnectionInput {
  connectionName: string;
  /** Check only the scopes these parts need (e.g. ['employees'] for a token made for the employee sync alone). */
  parts?: IntegrationPart[];
}

/**
 * Tests one connection's API token: reads the first page of employees, then probes each scope area the
 * integration needs (reads with `first: 1`, writes with an empty input list: nothing changes in Xledger).
 */
export async function checkConnection(input: CheckConnectionInput): Promise<ConnectionCheckResult> {
  return probeXledgerConnection({ connectionName: input.connectionName, ...(input.parts?.length ? { parts: input.parts } : {}) });
}
