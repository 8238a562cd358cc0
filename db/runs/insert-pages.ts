import type { Knex } from 'knex';

const INSERT_CHUNK = 500;

/** Staged JSON is stored as `json` text (see migration 005): serialised here, once. */
export const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

/**
 * Multi-row INSERTs of INSERT_CHUNK rows. For wide JSON rows this beats array parameters (`unnest`), whose
 * array literals escape every quote of every document.
 */
export async function insertRows(db: Knex, table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await db(table).insert(rows.slice(i, i + INSERT_CHUNK));
}

/**
 * Inserts each page while the next one is produced (read from Xledger or HR, or planned): Postgres stores one page
 * while Node works on the next. Returns the number of rows.
 */
export async function insertPages<P>(db: Knex, table: string, pages: AsyncIterable<readonly P[]>, toRow: (p: P) => Record<string, unknown>): Promise<number> {
  let count = 0;
  let inserting: Promise<void> = Promise.resolve();
  for await (const page of pages) {
    const rows = page.map(toRow);
    await inserting;
    inserting = insertRows(db, table, rows);
    // Awaited before the next page and at the end; this only keeps an early failure from counting as unhandled.
    inserting.catch(() => undefined);
    count += page.length;
  }
  await inserting;
  return count;
}
