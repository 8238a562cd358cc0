import { loadConfig } from '../config/config';
import { runMain } from '../config/run-main';
import { ensureDatabase } from '../db/ensure-database';
import { createDb, migrateLatest, migrateRollback } from '../db/knex';

/** `npm run migrate` (latest) and `npm run migrate:rollback` (last batch; `-- --all` for everything). */
runMain(async () => {
  const [direction = 'latest', flag] = process.argv.slice(2);
  const { DATABASE_URL } = loadConfig(process.env, ['DATABASE_URL']);
  if (direction === 'latest' && (await ensureDatabase(DATABASE_URL))) console.log('created the database');
  const db = createDb(DATABASE_URL);
  try {
    const done = direction === 'rollback' ? await migrateRollback(db, flag === '--all') : await migrateLatest(db);
    console.log(done.length ? `${direction === 'rollback' ? 'rolled back' : 'applied'}: ${done.join(', ')}` : 'nothing to do');
  } finally {
    await db.destroy();
  }
});
