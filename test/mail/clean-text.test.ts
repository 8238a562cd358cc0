import { escapeHtml, formatDuration, maskIdentifiers, oneLine } from '../../mail';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters and nothing else', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a> Æøå 😀`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt; Æøå 😀');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});

describe('oneLine', () => {
  it('turns line breaks into spaces and drops control and bidi-override characters', () => {
    expect(oneLine('a\r\nb\tc\u2028d')).toBe('a b c d');
    expect(oneLine('x\u0000\u001b[31my\u202Ez\u2066')).toBe('x[31myz');
    expect(oneLine(undefined)).toBe('');
    expect(oneLine('مريم')).toBe('مريم');
  });
});

describe('maskIdentifiers', () => {
  it.each([
    ['01019012345', '***********'],
    ['010190 12345', '***********'],
    ['010190.12345', '***********'],
    ['010190\u00a012345', '***********'],
    ['1234.56.78901', '*******8901'],
    ['1234 56 78901', '*******8901'],
    ['(01019012345)', '(***********)'],
    ['id=01019012345;', 'id=***********;'],
  ])('%s → %s', (raw, masked) => {
    expect(maskIdentifiers(raw)).toBe(masked);
  });

  it('masks several in one text', () => {
    expect(maskIdentifiers('fnr 01019012345 and account 1234.56.78901')).toBe('fnr *********** and account *******8901');
  });

  it.each(['0101901234', '010190123456', '98765432', '923456789', '2025-06-12', '1234.56.7890'])('leaves %s alone', (value) => {
    expect(maskIdentifiers(value)).toBe(value);
  });
});

describe('formatDuration', () => {
  it.each([
    ['2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', '0 s'],
    ['2025-01-01T00:00:00Z', '2025-01-01T00:00:45.4Z', '45 s'],
    ['2025-01-01T00:00:00Z', '2025-01-01T01:02:03Z', '1 h 2 min 3 s'],
    ['2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z', '24 h'],
  ])('%s → %s', (a, b, expected) => {
    expect(formatDuration(a, b)).toBe(expected);
  });

  it('is undefined for bad input or an end before the start', () => {
    expect(formatDuration('x', '2025-01-01T00:00:00Z')).toBeUndefined();
    expect(formatDuration('2025-01-02T00:00:00Z', '2025-01-01T00:00:00Z')).toBeUndefined();
  });
});
