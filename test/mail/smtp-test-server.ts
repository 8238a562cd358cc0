import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtpEnvelope {
  from: string;
  to: string[];
  /** The user that authenticated, if the client did. */
  user?: string;
}

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port>, ready for SMTP_URL. */
  url: string;
  port: number;
  /** Every message received so far, parsed, in arrival order. */
  messages: ParsedMail[];
  /** The SMTP envelope of each message (same order as `messages`): includes Bcc recipients. */
  envelopes: TestSmtpEnvelope[];
  /** Resolves with `messages` once at least `n` have arrived; rejects after `timeoutMs` (default 5 s). */
  waitForMessages(n: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** Forgets the messages received so far. */
  clear(): void;
  stop(): Promise<void>;
}

export interface TestSmtpServerOptions {
  /** When set, AUTH succeeds only with these credentials (535 otherwise); without it any AUTH succeeds. */
  auth?: { user: string; pass: string };
}

/** A real SMTP server on 127.0.0.1 and a free port that keeps what it receives, for tests. */
export async function startTestSmtpServer(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const envelopes: TestSmtpEnvelope[] = [];
  const waiters = new Set<() => void>();

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      const expected = options.auth;
      if (expected && (auth.username !== expected.user || auth.password !== expected.pass)) {
        return callback(Object.assign(new Error('Authentication failed'), { responseCode: 535 }));
      }
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          envelopes.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            user: typeof session.user === 'string' ? session.user : undefined,
          });
          for (const wake of [...waiters]) wake();
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Errors after start (a client dropping the connection) must not crash the test process.
  server.on('error', () => {});
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    envelopes,
    waitForMessages(n, timeoutMs = 5000) {
      return new Promise<ParsedMail[]>((resolve, reject) => {
        const check = () => {
          if (messages.length < n) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(messages);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Test SMTP server: expected ${n} message(s) within ${timeoutMs} ms, got ${messages.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    clear() {
      messages.length = 0;
      envelopes.length = 0;
    },
    stop() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
