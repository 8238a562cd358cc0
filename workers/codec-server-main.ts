import { loadConfig } from '../config/config';
import { createLogger } from '../config/logger';
import { runMain } from '../config/run-main';
import { parseKeyring } from '../db/secrets/keyring';
import { startCodecServer } from '../temporal/codec-server';
import { EncryptionCodec } from '../temporal/encryption-codec';

/**
 * `npm run codec-server`: the codec endpoint for Temporal UI (its "Remote Codec Endpoint" setting, or
 * `temporal server start-dev --ui-codec-endpoint URL`), so staff can read the encrypted payloads of runs.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env, [
    'XSYNC_SECRET_KEY',
    'XSYNC_CODEC_HOST',
    'XSYNC_CODEC_PORT',
    'XSYNC_CODEC_ORIGINS',
    'XSYNC_CODEC_TOKEN',
    'XSYNC_LOG_LEVEL',
  ]);
  const log = createLogger(config.XSYNC_LOG_LEVEL);
  const server = await startCodecServer({
    codec: new EncryptionCodec(parseKeyring(config.XSYNC_SECRET_KEY)),
    host: config.XSYNC_CODEC_HOST,
    port: config.XSYNC_CODEC_PORT,
    allowedOrigins: config.XSYNC_CODEC_ORIGINS,
    ...(config.XSYNC_CODEC_TOKEN ? { bearerToken: config.XSYNC_CODEC_TOKEN } : {}),
  });
  log.info(
    { url: server.url, origins: config.XSYNC_CODEC_ORIGINS, bearerToken: config.XSYNC_CODEC_TOKEN ? 'required' : 'not required' },
    'codec endpoint listening',
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
}

runMain(main);
