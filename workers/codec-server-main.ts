import { ConfigError, loadConfig } from '../config/config';
import { createLogger } from '../config/logger';
import { runMain } from '../config/run-main';
import { parseKeyring } from '../db/secrets/keyring';
import { startCodecServer } from '../temporal/codec-server';
import { EncryptionCodec } from '../temporal/encryption-codec';

/**
 * `npm run codec-server`: the codec endpoint for Temporal UI (its "Remote Codec Endpoint" setting, or
 * `temporal server start-dev --ui-codec-endpoint URL`), so staff can read the encrypted payloads of runs.
 * Loopback only, and only for the browser origins in XSYNC_CODEC_ORIGINS (README, Security).
 */
async function main(): Promise<void> {
  if (process.env.XSYNC_CODEC_TOKEN)
    throw new ConfigError(
      'XSYNC_CODEC_TOKEN is no longer supported (Temporal UI cannot send a static token): the codec endpoint now listens on loopback only and ' +
        'requires an Origin from XSYNC_CODEC_ORIGINS; unset XSYNC_CODEC_TOKEN',
    );
  const config = loadConfig(process.env, [
    'XSYNC_SECRET_KEY',
    'XSYNC_CODEC_HOST',
    'XSYNC_CODEC_PORT',
    'XSYNC_CODEC_ORIGINS',
    'XSYNC_CODEC_MAX_BYTES',
    'XSYNC_CODEC_MAX_PAYLOADS',
    'XSYNC_LOG_LEVEL',
  ]);
  const log = createLogger(config.XSYNC_LOG_LEVEL);
  const server = await startCodecServer({
    // Shows what is in clear (patch markers, old runs) as it is: refusing unencrypted payloads is the workers' job.
    codec: new EncryptionCodec(parseKeyring(config.XSYNC_SECRET_KEY), { acceptPlaintext: true }),
    host: config.XSYNC_CODEC_HOST,
    port: config.XSYNC_CODEC_PORT,
    allowedOrigins: config.XSYNC_CODEC_ORIGINS,
    maxBodyBytes: config.XSYNC_CODEC_MAX_BYTES,
    maxPayloads: config.XSYNC_CODEC_MAX_PAYLOADS,
    logger: log,
  });
  log.info(
    { url: server.url, origins: config.XSYNC_CODEC_ORIGINS, maxBytes: config.XSYNC_CODEC_MAX_BYTES, maxPayloads: config.XSYNC_CODEC_MAX_PAYLOADS },
    'codec endpoint listening (loopback only; Origin required)',
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
}

runMain(main);
