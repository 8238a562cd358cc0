import net from 'node:net';
import { createMailer, MailSendError, renderRunResultEmail, type Mailer } from '../../mail';
import { runResultInput } from './helpers';
import { startTestSmtpServer, type TestSmtpServer } from './smtp-test-server';

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe('createMailer against a real SMTP server', () => {
  let smtp: TestSmtpServer;
  let mailer: Mailer;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    mailer = createMailer({ smtpUrl: smtp.url, from: 'xledger-sync@example.no' });
  });
  afterEach(() => smtp.clear());
  afterAll(async () => {
    mailer.close();
    await smtp.stop();
  });

  it('delivers a message with From, To, subject and both parts', async () => {
    const rendered = renderRunResultEmail(
      runResultInput({
        connectionName: 'Ærø & Co',
        status: 'PARTIAL',
        counts: { ...runResultInput().counts, failed: 1 },
        failures: [{ employeeNumber: '1001', name: 'Åse <Øvrebø> 😀', reason: 'bad "email"' }],
      }),
    );
    const result = await mailer.send({ to: ['admin@example.no', 'hr@example.no'], ...rendered });
    expect(result).toEqual({
      sent: true,
      messageId: expect.stringMatching(/^<.+@.+>$/),
      accepted: ['admin@example.no', 'hr@example.no'],
      rejected: [],
    });

    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.from?.value).toEqual([{ address: 'xledger-sync@example.no', name: '' }]);
    const to = Array.isArray(mail!.to) ? mail!.to : [mail!.to];
    expect(to.flatMap((a) => a?.value.map((v) => v.address))).toEqual(['admin@example.no', 'hr@example.no']);
    expect(mail!.subject).toBe('[PARTIAL] Ærø & Co – employee sync 2025-06-12');
    expect(mail!.messageId).toBe(result.messageId);
    expect(mail!.text).toContain('  - 1001 Åse <Øvrebø> 😀: bad "email"');
    expect(mail!.html).toContain('Åse &lt;Øvrebø&gt; 😀');
    expect(smtp.envelopes[0]).toEqual({ from: 'xledger-sync@example.no', to: ['admin@example.no', 'hr@example.no'], user: undefined });
  });

  it('sends nothing when there are no recipients', async () => {
    const empty = await mailer.send({ to: [], subject: 'nobody', text: 't', html: '<p>h</p>' });
    expect(empty).toEqual({ sent: false, reason: 'no recipients', messageId: null, accepted: [], rejected: [] });
    expect(await mailer.send({ to: ['  ', ''], subject: 'blank', text: 't', html: 'h' })).toMatchObject({ sent: false });

    // A real message afterwards is the only one the server ever sees.
    await mailer.send({ to: ['admin@example.no'], subject: 'second', text: 't', html: 'h' });
    await smtp.waitForMessages(1);
    expect(smtp.messages.map((m) => m.subject)).toEqual(['second']);
  });

  it('trims and de-duplicates recipients', async () => {
    const result = await mailer.send({ to: [' a@example.no ', 'a@example.no', 'b@example.no'], subject: 's', text: 't', html: 'h' });
    expect(result.accepted).toEqual(['a@example.no', 'b@example.no']);
    await smtp.waitForMessages(1);
    expect(smtp.envelopes[0]!.to).toEqual(['a@example.no', 'b@example.no']);
  });
});

describe('createMailer errors', () => {
  it('gives a one-line error without the password when the server is unreachable', async () => {
    const port = await closedPort();
    const mailer = createMailer({ smtpUrl: `smtp://mailuser:S3cr%40tPass@127.0.0.1:${port}`, from: 'x@example.no' });
    const err = await mailer.send({ to: ['a@example.no'], subject: 's', text: 't', html: 'h' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MailSendError);
    const message = (err as MailSendError).message;
    expect(message).toBe(`Could not send mail via smtp://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(message).not.toMatch(/[\r\n]/);
    expect(message).not.toMatch(/S3cr|mailuser/);
    expect((err as MailSendError).code).toBe('ESOCKET');
    expect(String((err as Error).stack)).not.toContain('S3cr');
  });

  it('reports a rejected login without the credentials', async () => {
    const smtp = await startTestSmtpServer({ auth: { user: 'mailuser', pass: 'right-password' } });
    try {
      const mailer = createMailer({ smtpUrl: `smtp://mailuser:wrong-password@127.0.0.1:${smtp.port}`, from: 'x@example.no' });
      const err = (await mailer.send({ to: ['a@example.no'], subject: 's', text: 't', html: 'h' }).catch((e: unknown) => e)) as MailSendError;
      expect(err).toBeInstanceOf(MailSendError);
      expect(err.responseCode).toBe(535);
      expect(err.message).toMatch(new RegExp(`^Could not send mail via smtp://127\\.0\\.0\\.1:${smtp.port}: .*535`));
      expect(err.message).not.toMatch(/wrong-password|mailuser|[\r\n]/);
      expect(smtp.messages).toHaveLength(0);

      const good = createMailer({ smtpUrl: `smtp://mailuser:right-password@127.0.0.1:${smtp.port}`, from: 'x@example.no' });
      await good.send({ to: ['a@example.no'], subject: 'authenticated', text: 't', html: 'h' });
      await smtp.waitForMessages(1);
      expect(smtp.envelopes[0]!.user).toBe('mailuser');
    } finally {
      await smtp.stop();
    }
  });

  it('times out against a server that never greets', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'x@example.no', timeoutMs: 300 });
      const started = Date.now();
      const err = (await mailer.send({ to: ['a@example.no'], subject: 's', text: 't', html: 'h' }).catch((e: unknown) => e)) as MailSendError;
      expect(err).toBeInstanceOf(MailSendError);
      expect(err.message).toMatch(/^Could not send mail via smtp:\/\/127\.0\.0\.1:\d+: .*(timeout|Greeting never received)/i);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it.each(['http://u:topsecret@host:25', 'u:topsecret', 'smtp://u:topsecret@', 'topsecret'])('rejects %s with a message that does not echo it', (smtpUrl) => {
    expect(() => createMailer({ smtpUrl, from: 'x@example.no' })).toThrow(
      new MailSendError('Invalid SMTP URL: expected smtp://host:port or smtps://user:pass@host:port'),
    );
  });
});
