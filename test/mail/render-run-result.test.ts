import { renderRunResultEmail } from '../../mail';
import { allowedTags, runResultInput, tagNames } from './helpers';

const all = (m: { subject: string; text: string; html: string }) => `${m.subject}\n${m.text}\n${m.html}`;

describe('renderRunResultEmail: subject', () => {
  it.each([
    ['OK', '[OK] Acme AS – employee sync 2025-06-12'],
    ['PARTIAL', '[PARTIAL] Acme AS – employee sync 2025-06-12'],
    ['FAILED', '[FAILED] Acme AS – employee sync 2025-06-12'],
    ['CANCELLED', '[CANCELLED] Acme AS – employee sync 2025-06-12'],
  ] as const)('%s', (status, subject) => {
    expect(renderRunResultEmail(runResultInput({ status })).subject).toBe(subject);
  });

  it('prefixes dry runs and says in the body that nothing was written', () => {
    const m = renderRunResultEmail(runResultInput({ dryRun: true, status: 'PARTIAL' }));
    expect(m.subject).toBe('[DRY RUN] [PARTIAL] Acme AS – employee sync 2025-06-12');
    expect(m.text).toMatch(/Dry run: nothing was written/);
    expect(m.html).toMatch(/Dry run: nothing was written/);
    expect(renderRunResultEmail(runResultInput()).text).not.toMatch(/Dry run/);
  });

  it('names the run kind', () => {
    expect(renderRunResultEmail(runResultInput({ runKind: 'absence-sync' })).subject).toBe('[OK] Acme AS – absence sync 2025-06-12');
  });

  it('uses the date in Oslo, not in UTC', () => {
    // 23:30 UTC on New Year's Eve is already 00:30 on 1 January in Oslo.
    const m = renderRunResultEmail(runResultInput({ startedAt: '2024-12-31T23:30:00Z', finishedAt: '2024-12-31T23:31:00Z' }));
    expect(m.subject).toBe('[OK] Acme AS – employee sync 2025-01-01');
  });

  it('keeps a hostile connection name on one line', () => {
    const m = renderRunResultEmail(runResultInput({ connectionName: 'Acme\r\nBcc: evil@example.com' }));
    expect(m.subject).toBe('[OK] Acme Bcc: evil@example.com – employee sync 2025-06-12');
    expect(m.subject).not.toMatch(/[\r\n]/);
  });
});

describe('renderRunResultEmail: body', () => {
  it('has trigger, Oslo start/end, duration, counts and the link', () => {
    const m = renderRunResultEmail(runResultInput({ trigger: 'manual' }));
    for (const part of [m.text, m.html]) {
      expect(part).toMatch(/Trigger:?(<\/bdi><\/td><td[^>]*><bdi>|\s+)manual/);
      expect(part).toContain('2025-06-12 06:00:00 CEST');
      expect(part).toContain('2025-06-12 06:03:25 CEST');
      expect(part).toContain('3 min 25 s');
      expect(part).toContain('employee-sync-acme-20250612-0600');
    }
    expect(m.text).toMatch(/Created in Xledger:\s+2\n/);
    expect(m.text).toMatch(/Unchanged:\s+120\n/);
    expect(m.text).toMatch(/Locked:\s+1\n/);
    expect(m.text).toMatch(/Updated in HR:\s+3\n/);
    expect(m.text).toContain('The run in Temporal UI: http://127.0.0.1:8233/namespaces/xledger-sync/workflows/employee-sync-acme-20250612-0600');
    expect(m.html).toContain('<a href="http://127.0.0.1:8233/namespaces/xledger-sync/workflows/employee-sync-acme-20250612-0600"');
    expect(m.text).not.toMatch(/Failures|Skipped \(/);
  });

  it('shows Oslo local times across the spring DST change (CET → CEST)', () => {
    // 00:59:30Z is 01:59:30 CET; 01:00:30Z is 03:00:30 CEST: one minute apart, two hours on the wall clock.
    const m = renderRunResultEmail(runResultInput({ startedAt: '2025-03-30T00:59:30Z', finishedAt: '2025-03-30T01:00:30Z' }));
    expect(m.text).toContain('2025-03-30 01:59:30 CET');
    expect(m.text).toContain('2025-03-30 03:00:30 CEST');
    expect(m.text).toMatch(/Duration:\s+1 min\n/);
  });

  it('shows Oslo local times across the autumn DST change (the repeated hour)', () => {
    const m = renderRunResultEmail(runResultInput({ startedAt: '2025-10-26T00:30:00Z', finishedAt: '2025-10-26T01:30:00Z' }));
    expect(m.text).toContain('2025-10-26 02:30:00 CEST');
    expect(m.text).toContain('2025-10-26 02:30:00 CET');
    expect(m.text).toMatch(/Duration:\s+1 h\n/);
  });

  it('lists failures (number, name, field, reason) and skipped employees', () => {
    const m = renderRunResultEmail(
      runResultInput({
        status: 'PARTIAL',
        counts: { ...runResultInput().counts, failed: 2, skipped: 1 },
        failures: [
          { employeeNumber: '1001', name: 'Kari Nordmann', field: 'email', reason: 'Xledger: email already in use' },
          { employeeNumber: '1002', reason: 'Timed out' },
        ],
        skipped: [{ employeeNumber: '1003', name: 'Ola', reason: 'terminated before the sync start date' }],
      }),
    );
    expect(m.text).toContain('Failures (2)\n  - 1001 Kari Nordmann [email]: Xledger: email already in use\n  - 1002: Timed out\n');
    expect(m.text).toContain('Skipped (1)\n  - 1003 Ola: terminated before the sync start date\n');
    expect(m.html).toMatch(/<th[^>]*>Employee no\.<\/th><th[^>]*>Name<\/th><th[^>]*>Field<\/th><th[^>]*>Reason<\/th>/);
    expect(m.html).toMatch(/<bdi>1001<\/bdi><\/td><td[^>]*><bdi>Kari Nordmann<\/bdi><\/td><td[^>]*><bdi>email<\/bdi>/);
    expect(m.html).toContain('terminated before the sync start date');
  });

  it('falls back to the raw value for an unparseable time instead of failing', () => {
    const m = renderRunResultEmail(runResultInput({ finishedAt: 'not a time' }));
    expect(m.text).toMatch(/Finished:\s+not a time\n/);
    expect(m.text).toMatch(/Duration:\s+unknown\n/);
  });
});

describe('renderRunResultEmail: escaping', () => {
  const nasty = ['<script>alert("x")</script>', `Tom & "Jerry" O'Brien`, 'Ærlig Øst-Åsen 😀', 'مريم الحربي', '<img src=x onerror=alert(1)>'];
  const input = runResultInput({
    connectionName: 'R&D <Norge> "AS"',
    status: 'FAILED',
    failures: nasty.map((name, i) => ({ employeeNumber: `${i}<b>`, name, field: 'first<Name>', reason: `bad & "worse" ${name}` })),
    skipped: [{ employeeNumber: '9', name: '<i>skip</i>', reason: "it's <u>odd</u>" }],
  });
  const m = renderRunResultEmail(input);

  it("escapes every value in the HTML: only the template's own tags remain", () => {
    expect([...tagNames(m.html)].filter((t) => !allowedTags.has(t))).toEqual([]);
    expect(m.html).not.toContain('<script');
    expect(m.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(m.html).toContain('Tom &amp; &quot;Jerry&quot; O&#39;Brien');
    expect(m.html).toContain('R&amp;D &lt;Norge&gt; &quot;AS&quot;');
    expect(m.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(m.html).toContain('0&lt;b&gt;');
    expect(m.html).toContain('first&lt;Name&gt;');
    expect(m.html).toContain('it&#39;s &lt;u&gt;odd&lt;/u&gt;');
  });

  it('keeps non-ASCII letters, emoji and RTL text as they are, isolated in <bdi>', () => {
    expect(m.html).toContain('<bdi>Ærlig Øst-Åsen 😀</bdi>');
    expect(m.html).toContain('<bdi>مريم الحربي</bdi>');
    expect(m.text).toContain('Ærlig Øst-Åsen 😀');
    expect(m.html).toMatch(/<meta charset="utf-8">/);
  });

  it('leaves the text version plain (no entities)', () => {
    expect(m.text).toContain('<script>alert("x")</script>');
    expect(m.text).toContain(`Tom & "Jerry" O'Brien`);
    expect(m.text).not.toContain('&amp;');
  });

  it('drops bidi overrides and cannot be fooled into extra lines by a reason', () => {
    const r = renderRunResultEmail(
      runResultInput({
        counts: { ...runResultInput().counts, failed: 1 },
        failures: [{ employeeNumber: '1', name: 'evil\u202Etxt.exe', reason: 'x\n\nStatus: OK\r\nAll good' }],
      }),
    );
    expect(all(r)).not.toContain('\u202E');
    expect(r.text).toContain('  - 1 eviltxt.exe: x Status: OK All good\n');
  });

  it('does not turn a non-http link into an anchor', () => {
    const r = renderRunResultEmail(runResultInput({ uiUrl: 'javascript:alert(1)' }));
    expect(r.html).not.toMatch(/<a /);
    expect(r.html).toContain('javascript:alert(1)');
  });
});

describe('renderRunResultEmail: truncation', () => {
  const failures = (n: number) => Array.from({ length: n }, (_, i) => ({ employeeNumber: `E${1000 + i}`, reason: `reason ${i}` }));

  it('lists 50 by default and says how many more', () => {
    const m = renderRunResultEmail(runResultInput({ status: 'PARTIAL', counts: { ...runResultInput().counts, failed: 60 }, failures: failures(60) }));
    expect(m.text).toContain('E1049');
    expect(m.text).not.toContain('E1050');
    expect(m.html).not.toContain('E1050');
    expect(m.text).toContain('… and 10 more — see the run in Temporal UI');
    expect(m.html).toContain('… and 10 more — see the run in Temporal UI');
    expect(m.text).toContain('Failures (60)');
  });

  it('honours maxListed, for failures and skipped alike', () => {
    const m = renderRunResultEmail(
      runResultInput({
        maxListed: 3,
        counts: { ...runResultInput().counts, failed: 5, skipped: 4 },
        failures: failures(5),
        skipped: failures(4).map((f) => ({ ...f, employeeNumber: `S${f.employeeNumber}` })),
      }),
    );
    expect(m.text.match(/^ {2}- E/gm)).toHaveLength(3);
    expect(m.text.match(/^ {2}- SE/gm)).toHaveLength(3);
    expect(m.text).toContain('… and 2 more');
    expect(m.text).toContain('… and 1 more');
  });

  it('counts from the totals when the caller passed only the first entries', () => {
    const m = renderRunResultEmail(runResultInput({ status: 'PARTIAL', counts: { ...runResultInput().counts, failed: 200 }, failures: failures(5) }));
    expect(m.text).toContain('Failures (200)');
    expect(m.text).toContain('… and 195 more — see the run in Temporal UI');
  });

  it('says nothing about more when everything fits', () => {
    const m = renderRunResultEmail(runResultInput({ counts: { ...runResultInput().counts, failed: 50 }, failures: failures(50) }));
    expect(m.text).toContain('E1049');
    expect(all(m)).not.toMatch(/more — see/);
  });
});

describe('renderRunResultEmail: masking', () => {
  const planted = [
    ['national id', '01019012345', ['01019012345', '010190 12345', '0101901234', '1019012345']],
    ['national id with a space', '010190 12345', ['01019012345', '010190 12345', '901234']],
    ['bank account with dots', '1234.56.78901', ['12345678901', '1234.56.78901', '1234567', '123456']],
    ['bank account with spaces', '1234 56 78901', ['12345678901', '1234 56 78901', '1234567', '123456']],
  ] as const;

  it.each(planted)('masks a %s planted in a reason, name or field everywhere', (_kind, value, forbidden) => {
    const m = renderRunResultEmail(
      runResultInput({
        status: 'PARTIAL',
        counts: { ...runResultInput().counts, failed: 1, skipped: 1 },
        runId: 'run-abc',
        uiUrl: 'http://ui.example/run-abc',
        failures: [{ employeeNumber: '1001', name: `Kari ${value}`, field: `ssn:${value}`, reason: `Xledger rejected socialSec ${value}.` }],
        skipped: [{ employeeNumber: '1002', reason: `account=${value}` }],
      }),
    );
    const everything = all(m);
    for (const raw of forbidden) expect(everything).not.toContain(raw);
    expect(everything).not.toMatch(/\d{6}/);
    expect(m.text).toMatch(/Xledger rejected socialSec \*{7,11}\d{0,4}\./);
  });

  it('masks an identifier glued to letters', () => {
    const m = renderRunResultEmail(
      runResultInput({ counts: { ...runResultInput().counts, failed: 1 }, failures: [{ employeeNumber: '1', reason: 'fnr01019012345x' }] }),
    );
    expect(all(m)).not.toContain('01019012345');
    expect(m.text).toContain('fnr***********x');
  });

  it('leaves ordinary numbers alone', () => {
    const m = renderRunResultEmail(
      runResultInput({
        counts: { ...runResultInput().counts, failed: 1 },
        failures: [{ employeeNumber: '100234', reason: 'phone 98765432, org 923456789, amount 123456789012, zip 0150' }],
      }),
    );
    expect(m.text).toContain('phone 98765432, org 923456789, amount 123456789012, zip 0150');
  });
});
