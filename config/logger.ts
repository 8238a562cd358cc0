import pino, { type Logger } from 'pino';

/** Paths that may hold secrets or personal numbers; pino replaces them before a line is written. */
export const redactedPaths = [
  'token',
  '*.token',
  'apiToken',
  '*.apiToken',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'nationalId',
  '*.nationalId',
  'socialSec',
  '*.socialSec',
  'bankAccount',
  '*.bankAccount',
  'XSYNC_SECRET_KEY',
];

export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactedPaths, censor: '[redacted]' } }, destination);
}
