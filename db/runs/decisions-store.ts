import type { Knex } from 'knex';

/** `sync_run_decisions`: the admin's decisions of a run, in order, with the defaults for whatever stayed undecided. */

const INSERT_CHUNK = 500;

export function createDecisionsStore(db: Knex) {
  return {
    async replaceDecisions<D, Defaults extends object>(runId: string, decisions: readonly D[], defaults: Defaults): Promise<void> {
      await db.transaction(async (trx) => {
        await trx('sync_run_decisions').where({ run_id: runId }).delete();
        const rows: unknown[] = [{ kind: 'defaults', ...defaults }, ...decisions];
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
          await trx('sync_run_decisions').insert(rows.slice(i, i + INSERT_CHUNK).map((d, j) => ({ run_id: runId, seq: i + j, decision: JSON.stringify(d) })));
        }
      });
    },

    async readDecisions<D, Defaults extends object>(runId: string): Promise<{ decisions: D[]; defaults: Defaults }> {
      const rows: Array<{ decision: D | ({ kind: 'defaults' } & Defaults) }> = await db('sync_run_decisions')
        .where({ run_id: runId })
        .orderBy('seq')
        .select('decision');
      const all = rows.map((r) => r.decision);
      const [first, ...rest] = all;
      if (first && (first as { kind?: string }).kind === 'defaults') {
        const { kind: _kind, ...defaults } = first as { kind: 'defaults' } & Defaults;
        return { decisions: rest as D[], defaults: defaults as unknown as Defaults };
      }
      return { decisions: all as D[], defaults: {} as Defaults };
    },
  };
}

export type DecisionsStore = ReturnType<typeof createDecisionsStore>;
