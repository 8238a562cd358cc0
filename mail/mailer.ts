import nodemailer from 'nodemailer';

export interface MailerOptions {
  /** smtp://host:port or smtps://user:pass@host:port (SMTP_URL). */
  smtpUrl: string;
  /** Sender address (XSYNC_MAIL_FROM). */
  from: string;
  /** Limit for connecting, the greeting and each wait on the socket; default 15 s. */
  timeoutMs?: number;
}

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export type MailSendResult =
  | { sent: true; messageId: string; accepted: string[]; rejected: string[] }
  | { sent: false; reason: 'no recipients'; messageId: null; accepted: []; rejected: [] };

export interface Mailer {
  send(message: MailMessage): Promise<MailSendResult>;
  /** Connects and says EHLO (and logs in, when the URL holds credentials), then quits: no mail is sent. */
  verify(): Promise<void>;
  close(): void;
}

/** A failed send; the message is one line and names the server without credentials. */
export class MailSendError extends Error {
  override name = 'MailSendError';
  constructor(
    message: string,
    readonly code?: string,
    readonly responseCode?: number,
  ) {
    super(message);
  }
}

export const DEFAULT_MAIL_TIMEOUT_MS = 15_000;

/**
 * protocol://host:port of an smtp(s) URL, for messages: no user:pass, path or query.
 * Undefined for anything else, since an unparseable or foreign URL could hold a secret anywhere.
 */
export function redactSmtpUrl(smtpUrl: string): string | undefined {
  try {
    const u = new URL(smtpUrl);
    if ((u.protocol !== 'smtp:' && u.protocol !== 'smtps:') || !u.host) return undefined;
    return `${u.protocol}//${u.host}`;
  } catch {
    return undefined;
  }
}

function secretsOf(smtpUrl: string): string[] {
  try {
    const u = new URL(smtpUrl);
    return [u.username, u.password, safeDecode(u.username), safeDecode(u.password)].filter((s) => s.length >= 3);
  } catch {
    return [];
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function address(a: unknown): string {
  return typeof a === 'string' ? a : String((a as { address?: unknown } | null)?.address ?? a);
}

export function createMailer(options: MailerOptions): Mailer {
  const where = redactSmtpUrl(options.smtpUrl);
  if (!where) throw new MailSendError('Invalid SMTP URL: expected smtp://host:port or smtps://user:pass@host:port');
  const secrets = secretsOf(options.smtpUrl);
  const timeout = options.timeoutMs ?? DEFAULT_MAIL_TIMEOUT_MS;
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    dnsTimeout: timeout,
    logger: false,
    debug: false,
  });

  // Only the error's own message, flattened to one line, with any credential text cut out: nodemailer's error
  // objects also carry the SMTP command and response, which for AUTH can hold encoded credentials.
  function describe(err: unknown, verb = 'send mail'): MailSendError {
    const e = (err ?? {}) as { message?: unknown; code?: unknown; responseCode?: unknown };
    let reason = String(e.message ?? err)
      .replace(/\s+/g, ' ')
      .trim();
    for (const s of secrets) reason = reason.split(s).join('***');
    return new MailSendError(
      `Could not ${verb} via ${where}: ${reason || 'unknown error'}`,
      typeof e.code === 'string' ? e.code : undefined,
      typeof e.responseCode === 'number' ? e.responseCode : undefined,
    );
  }

  return {
    async send(message) {
      const to = [...new Set(message.to.map((a) => a.trim()).filter((a) => a.length > 0))];
      if (to.length === 0) return { sent: false, reason: 'no recipients', messageId: null, accepted: [], rejected: [] };
      try {
        const info = await transport.sendMail({
          from: options.from,
          to,
          subject: message.subject,
          text: message.text,
          html: message.html,
        });
        return {
          sent: true,
          messageId: String(info.messageId),
          accepted: (info.accepted ?? []).map(address),
          rejected: (info.rejected ?? []).map(address),
        };
      } catch (err) {
        throw describe(err);
      }
    },
    async verify() {
      try {
        await transport.verify();
      } catch (err) {
        throw describe(err, 'reach the mail server');
      }
    },
    close() {
      transport.close();
    },
  };
}
