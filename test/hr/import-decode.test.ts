import { randomBytes } from 'node:crypto';
import { decodeImportBytes, firstInvalidUtf8, importEncodingOf, positionOf } from '../../hr/import-decode';
import { detectCsvSeparator } from '../../hr/import-parse';

describe('HR import decoding', () => {
  const strictUtf8 = (b: Uint8Array) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b);
      return true;
    } catch {
      return false;
    }
  };

  it('finds the first bad UTF-8 byte exactly where TextDecoder stops accepting (random and tricky bytes)', () => {
    const tricky = [
      [0xc0, 0x80], // overlong
      [0xe0, 0x80, 0x80], // overlong
      [0xed, 0xa0, 0x80], // surrogate
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0xf0, 0x9f, 0x98, 0x80], // 😀
      [0xc3, 0xb8], // ø
      [0xe2, 0x82], // truncated €
      [0xff],
    ];
    const samples = [...tricky.map((t) => Buffer.from([0x41, ...t, 0x42])), ...Array.from({ length: 3000 }, (_, i) => randomBytes(1 + (i % 12)))];
    for (const sample of samples) {
      const at = firstInvalidUtf8(sample);
      expect({ sample: sample.toString('hex'), valid: at === -1 }).toEqual({ sample: sample.toString('hex'), valid: strictUtf8(sample) });
      if (at !== -1) {
        expect(strictUtf8(sample.subarray(0, at))).toBe(true);
      }
    }
  });

  it('counts lines and bytes from 1', () => {
    const b = Buffer.from('ab\ncd\r\nef');
    expect(positionOf(b, 0)).toEqual({ line: 1, byte: 1 });
    expect(positionOf(b, 4)).toEqual({ line: 2, byte: 2 });
    expect(positionOf(b, 7)).toEqual({ line: 3, byte: 1 });
  });

  it('drops a UTF-8 byte-order mark and decodes windows-1252 and latin1 with TextDecoder', () => {
    expect(decodeImportBytes(Buffer.from('\uFEFFa,b', 'utf8')).toString('utf8')).toBe('a,b');
    // 0x80–0x9F are typographic marks in windows-1252 (not C1 controls, as Node's whole-buffer fast path makes them).
    expect(decodeImportBytes(Buffer.from([0x4b, 0x6a, 0xe6, 0x72, 0x80, 0x92, 0x96, 0x93, 0x94]), 'windows-1252').toString('utf8')).toBe('Kjær€’–“”');
    expect(decodeImportBytes(Buffer.from([0xc5, 0x73, 0x65]), 'latin1').toString('utf8')).toBe('Åse');
    expect(() => decodeImportBytes(Buffer.from([0x41, 0x0a, 0x42, 0xf8]))).toThrow(
      /^line 2 byte 2: not UTF-8 \(0xF8 at file offset 3\); it looks like windows-1252/,
    );
    expect(() => decodeImportBytes(Buffer.from([0x41, 0x0a, 0x42, 0x81]))).toThrow(
      /^line 2 byte 2: not UTF-8 \(0x81 at file offset 3\); save the file as UTF-8/,
    );
    expect([importEncodingOf('UTF8'), importEncodingOf('cp1252'), importEncodingOf('ISO-8859-1'), importEncodingOf('ebcdic')]).toEqual([
      'utf-8',
      'windows-1252',
      'latin1',
      null,
    ]);
  });

  it('takes the separator that splits the header into known columns', () => {
    const sep = (text: string) => detectCsvSeparator(Buffer.from(text));
    expect(sep('employeeNumber,workEmail\nE1,"a;b"\n')).toBe(',');
    expect(sep('employeeNumber;workEmail;"first name"\r\nE1;a,b;c\r\n')).toBe(';');
    expect(sep('\uFEFFemployee_number;work-email\n')).toBe(';');
    expect(sep('employeeNumber\nE1\n')).toBe(',');
    expect(sep('employeeNumber;workEmial\n')).toBe(';'); // then reported as an unknown column
    expect(sep('nothing,known;here\n')).toBe(',');
  });
});
