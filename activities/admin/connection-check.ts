import { activityInfo, ApplicationFailure, log } from '@temporalio/activity';
import { ConnectionNotFoundError } from '../../db/connections-store';
import { INTEGRATION_SCOPES, probeConnection, requirementsFor, type AreaProbe, type IntegrationPart, type ScopeArea } from '../../xledger/index';
import type { ActivityDeps } from '../deps';
import { withXledgerFailures } from '../shared/xledger-failure';
import { checkAbsenceSetup, withAbsenceWritePath } from '../absences/connection-check';

/** Where an admin edits a token's scopes in Xledger. */
export const TOKEN_DIALOG = 'Administration > System Access > GraphQL > API tokens';

/** How long the reachability check waits for any HTTP answer from the Xledger URL. */
const REACH_TIMEOUT_MS = 15_000;

export type ConnectionCheckStatus = 'ok' | 'missing-scopes' | 'token-refused' | 'unreachable' | 'failed';

export interface MissingScope {
  area: ScopeArea;
  read: boolean;
  write: boolean;
  usedFor: string;
}

export interface ConnectionCheckResult {
  connection: string;
  xledgerUrl: string;
  ownerEntityId: number;
  status: ConnectionCheckStatus;
  ok: boolean;
  /** The parts of the integration the token was checked for; empty: all of them. */
  checkedFor: IntegrationPart[];
  /** Owner entity of the first employee (or other record) the token could read. */
  ownerDbId?: number;
  areas: Array<AreaProbe & { usedFor: string }>;
  missing: MissingScope[];
  /** One line for the admin; never holds the token. */
  verdict: string;
  /** Further lines: scopes that could not be checked, failed probes. */
  notes: string[];
}

const accessWords = (a: { read: boolean; write: boolean }) => [a.read ? 'read' : null, a.write ? 'write' : null].filter(Boolean).join('/');

/** "Common Contact (write), Common Subledger (read/write)" */
export function describeMissing(missing: readonly MissingScope[]): string {
  return missing.map((m) => `${m.area} (${accessWords(m)})`).join(', ');
}

/** Drops the operation prefix the client puts on messages ("listEmployeesBasic: Invalid API Token…"). */
const withoutOperation = (message: string) => message.replace(/^[A-Za-z]+: /, '').split('\n')[0];

/** "the integration", or "the employees and absences parts" */
function whatFor(parts: readonly IntegrationPart[]): string {
  if (parts.length === 0) return 'the integration';
  const names = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `the ${names} part${parts.length === 1 ? '' : 's'}`;
}

type CheckBase = Pick<ConnectionCheckResult, 'connection' | 'xledgerUrl' | 'ownerEntityId' | 'checkedFor'>;

function summarize(base: CheckBase, areas: ConnectionCheckResult['areas'], ownerDbId: number | undefined): ConnectionCheckResult {
  const missing: MissingScope[] = areas
    .filter((a) => a.read === 'missing' || a.write === 'missing')
    .map((a) => ({ area: a.area, read: a.read === 'missing', write: a.write === 'missing', usedFor: a.usedFor }));
  const notes: string[] = [];
  const unverified = areas.filter((a) => a.read === 'unverified' || a.write === 'unverified');
  for (const a of unverified) {
    const which = { read: a.read === 'unverified', write: a.write === 'unverified' };
    notes.push(`Could not check ${a.area} (${accessWords(which)}): ${a.detail ?? 'no way to tell'}`);
  }
  const failed = areas.filter((a) => a.read === 'error' || a.write === 'error');
  for (const a of failed) notes.push(`Check of ${a.area} failed: ${a.detail ?? 'unknown error'}`);

  let status: ConnectionCheckStatus;
  let verdict: string;
  if (missing.length > 0) {
    status = 'missing-scopes';
    verdict = `Missing in the Xledger API token: ${describeMissing(missing)} — edit the token under ${TOKEN_DIALOG}.`;
  } else if (failed.length > 0) {
    status = 'failed';
    verdict = `Some checks failed (${failed.map((a) => a.area).join(', ')}); see the details.`;
  } else {
    status = 'ok';
    verdict = `OK: the token reads employees and has every scope ${whatFor(base.checkedFor)} needs.`;
  }
  return { ...base, status, ok: status === 'ok', ...(ownerDbId !== undefined ? { ownerDbId } : {}), areas, missing, verdict, notes };
}

/** Any HTTP answer at all means reachable; only a failed connection or no answer in time does not. */
async function unreachableReason(url: string): Promise<string | undefined> {
  try {
    const res = await fetch(url, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(REACH_TIMEOUT_MS) });
    await res.body?.cancel().catch(() => undefined);
    return undefined;
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${REACH_TIMEOUT_MS / 1000} s`;
    return e.cause?.code ?? e.cause?.message ?? e.message;
  }
}

/** Replaces the token wherever it might appear (it should not; a server or proxy could echo it). */
function redact<T>(value: T, token: string): T {
  if (token.length < 4) return value;
  const text = JSON.stringify(value);
  return text.includes(token) ? (JSON.parse(text.split(token).join('[redacted]')) as T) : value;
}

export function createConnectionCheckActivities(deps: ActivityDeps) {
  return {
    /**
     * Probes a connection's token: can it read employees, and which scope the integration needs does it lack?
     * Reports rather than throws for a refused token, an unreachable URL or missing scopes; the token never
     * appears in the result, the logs or a thrown error.
     */
    async probeXledgerConnection({ connectionName, parts = [] }: { connectionName: string; parts?: IntegrationPart[] }): Promise<ConnectionCheckResult> {
      let token = '';
      try {
        const connection = await deps.connections.get(connectionName);
        token = await deps.connections.revealToken(connectionName);
        const base: CheckBase = { connection: connection.name, xledgerUrl: connection.xledgerUrl, ownerEntityId: connection.ownerEntityId, checkedFor: parts };

        const unreachable = await unreachableReason(connection.xledgerUrl);
        if (unreachable !== undefined) {
          log.info('connection check: Xledger unreachable', { connection: connectionName, reason: unreachable });
          return redact(
            {
              ...base,
              status: 'unreachable',
              ok: false,
              areas: [],
              missing: [],
              notes: [],
              verdict: `Cannot reach Xledger at ${connection.xledgerUrl}: ${unreachable}.`,
            },
            token,
          );
        }

        const client = deps.xledgerClient(connection, token);
        const report = await withXledgerFailures(activityInfo().attempt, () => probeConnection(client, { requirements: requirementsFor(parts) }));
        if (report.authError !== undefined) {
          log.info('connection check: token refused', { connection: connectionName });
          return redact(
            {
              ...base,
              status: 'token-refused',
              ok: false,
              areas: [],
              missing: [],
              notes: [],
              verdict: `Xledger refused the API token (${withoutOperation(report.authError)}) — generate a new token under ${TOKEN_DIALOG} and store it again.`,
            },
            token,
          );
        }
        const usedFor = new Map(INTEGRATION_SCOPES.map((r) => [r.area, r.usedFor]));
        let areas = report.areas.map((a) => ({ ...a, usedFor: usedFor.get(a.area) ?? '' }));
        // The absence sync's own checks (its mutation by introspection, its code table), when the token can read absences.
        const absenceArea = areas.find((a) => a.area === 'Human Resources Absence');
        const absences =
          absenceArea?.read === 'ok' ? await withXledgerFailures(activityInfo().attempt, () => checkAbsenceSetup(client, connection)) : undefined;
        if (absences) areas = withAbsenceWritePath(areas, absences);
        const checked = summarize(base, areas, report.ownerDbId);
        const result = absences ? { ...checked, notes: [...checked.notes, ...absences.notes] } : checked;
        log.info('connection check done', { connection: connectionName, status: result.status, missing: result.missing.length });
        return redact(result, token);
      } catch (err) {
        if (err instanceof ConnectionNotFoundError) throw ApplicationFailure.nonRetryable(err.message, 'ConnectionNotFound');
        if (err instanceof Error && token.length >= 4 && err.message.includes(token)) {
          // Rebuild rather than mutate: the original may be referenced elsewhere.
          const safe = err.message.split(token).join('[redacted]');
          throw err instanceof ApplicationFailure
            ? ApplicationFailure.create({ message: safe, type: err.type ?? undefined, nonRetryable: err.nonRetryable ?? false })
            : new Error(safe);
        }
        throw err;
      }
    },
  };
}
