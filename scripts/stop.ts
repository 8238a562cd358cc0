import { runMain } from '../config/run-main';
import { stopEmbeddedPostgres } from './lib/embedded-postgres';
import { forgetLocalTemporal, localTemporalPid } from './lib/local-env';

/** Stops what `npm run demo` left running: the detached Temporal dev server and the embedded Postgres. */
runMain(async () => {
  const pid = localTemporalPid();
  if (pid) {
    try {
      process.kill(pid, 'SIGTERM');
      console.log(`stopped the Temporal dev server (pid ${pid})`);
    } catch {
      console.log('the Temporal dev server was not running');
    }
    forgetLocalTemporal();
  }
  if (await stopEmbeddedPostgres()) console.log('stopped the embedded PostgreSQL');
});
