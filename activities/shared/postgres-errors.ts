import { HrStoreError } from '../../hr/write';

/**
 * Is this error the database refusing one row's data (so retrying cannot help and the row is reported as failed),
 * rather than a passing fault (connection lost, deadlock, restart, timeout) that a retry fixes? Postgres says which
 * by SQLSTATE class: 22 data exception, 23 integrity constraint violation.
 */
export function isRefusedRow(err: unknown): boolean {
  if (err instanceof HrStoreError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22|23)[0-9A-Z]{3}$/.test(code);
}
