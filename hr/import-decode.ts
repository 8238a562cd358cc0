import fs from 'node:fs';

/**
 * Reads an HR import file's bytes (within a size limit) and decodes them to UTF-8 text. UTF-8 is strict: a byte
 * that is not UTF-8 refuses the file, naming its line and byte, and saying so when the file looks like Windows-1252
 * (what Norwegian HR systems and Excel often write). Other encodings only when asked for (`--encoding`).
 */

/** Files larger than this are refused before they are read (override per import with `--max-size`). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export const IMPORT_ENCODINGS = ['utf-8', 'windows-1252', 'latin1'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

const ENCODING_ALIASES: Record<string, ImportEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  latin1: 'latin1',
  'latin-1': 'latin1',
  'iso-8859-1': 'latin1',
};

/** `--encoding` as given → the encoding, or null when it is not one we read. */
export function importEncodingOf(value: string): ImportEncoding | null {
  return ENCODING_ALIASES[value.trim().toLowerCase()] ?? null;
}

/** The file cannot be read or decoded as asked (exit code 2). */
export class ImportDecodeError extends Error {
  override name = 'ImportDecodeError';
}

/** 300 bytes, 12.5 KB, 50 MB. */
function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
}

/** "is 73.4 MB; the limit is 50 MB", in bytes when the two would read the same. */
function overLimit(file: string, actual: number | null, maxBytes: number): string {
  const [a, m] =
    actual !== null && size(actual) === size(maxBytes)
      ? [`${actual} bytes`, `${maxBytes} bytes (${size(maxBytes)})`]
      : [actual === null ? '' : size(actual), size(maxBytes)];
  return `${file} is ${actual === null ? `more than ${m}` : a}; the limit is ${m} (split the file, or raise the limit with --max-size)`;
}

/**
 * The file's bytes, refused without reading them when it is larger than `maxBytes` (the size is checked again while
 * reading, for files whose size is not known up front, such as pipes).
 */
export function readImportBytes(file: string, maxBytes: number = MAX_IMPORT_BYTES): Buffer {
  const tooLarge = (actual: number | null) => new ImportDecodeError(overLimit(file, actual, maxBytes));
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    throw new ImportDecodeError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw new ImportDecodeError(`cannot read ${file}: it is a directory`);
    if (stat.size > maxBytes) throw tooLarge(stat.size);
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(1024 * 1024);
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw tooLarge(null);
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Offset of the first byte that starts an invalid UTF-8 sequence, or -1 when the whole buffer is UTF-8. */
export function firstInvalidUtf8(buffer: Uint8Array): number {
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < buffer.length && buffer[i] >= lo && buffer[i] <= hi;
  for (let i = 0; i < buffer.length;) {
    const b = buffer[i];
    if (b < 0x80) i += 1;
    else if (b >= 0xc2 && b <= 0xdf && cont(i + 1)) i += 2;
    else if (b === 0xe0 && cont(i + 1, 0xa0) && cont(i + 2)) i += 3;
    else if (((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) && cont(i + 1) && cont(i + 2)) i += 3;
    else if (b === 0xed && cont(i + 1, 0x80, 0x9f) && cont(i + 2)) i += 3;
    else if (b === 0xf0 && cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3)) i += 4;
    else if (b >= 0xf1 && b <= 0xf3 && cont(i + 1) && cont(i + 2) && cont(i + 3)) i += 4;
    else if (b === 0xf4 && cont(i + 1, 0x80, 0x8f) && cont(i + 2) && cont(i + 3)) i += 4;
    else return i;
  }
  return -1;
}

/** 1-based line and 1-based byte within that line of a byte offset. */
export function positionOf(buffer: Uint8Array, offset: number): { line: number; byte: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (buffer[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, byte: offset - lineStart + 1 };
}

/** Letters of Norwegian and its neighbours, as Windows-1252 has them in single bytes. */
const WESTERN_LETTERS = new Set('ÆØÅæøåÄÖÜäöüßÉéÈèÊêËëÁáÀàÂâÓóÒòÔôÚúÙùÛûÍíÌìÎîÏïÑñÇçÝý');
/** Other characters a Windows-1252 HR export plausibly holds. */
const WESTERN_MARKS = new Set('\u00a0–—‘’‚“”„…€«»°§·½¼¾±×÷¢£¥©®™´¨ªº¹²³µ¿¡•');

/**
 * Whether bytes that are not UTF-8 read sensibly as Windows-1252: every byte from 0x80 is a Western letter or a
 * common mark there, at least one is a letter, and the file has no real UTF-8 multi-byte characters (a UTF-8 file
 * with a stray bad byte is damaged, not Windows-1252).
 */
function looksLikeWindows1252(buffer: Buffer): boolean {
  let letters = 0;
  const text = decodeSingleByte(buffer); // one character per byte
  for (let i = 0; i < buffer.length; i++) {
    const b = buffer[i];
    if (b < 0x80) continue;
    if (firstInvalidUtf8(buffer.subarray(i, i + 4)) !== 0) return false; // a valid UTF-8 sequence starts here
    const c = text[i];
    if (WESTERN_LETTERS.has(c)) letters++;
    else if (!WESTERN_MARKS.has(c)) return false;
  }
  return letters > 0;
}

/**
 * Windows-1252 (or latin1, which TextDecoder reads as windows-1252) to text with Node's TextDecoder. Decoded in
 * streaming mode: Node 20.18.3+/22.13+ decode a whole windows-1252 buffer through a Latin-1 fast path that turns
 * 0x80–0x9F (€ ‚ „ … ‘ ’ “ ” – — …) into C1 control characters (nodejs/node#60888); the streaming path maps them
 * as the WHATWG Encoding standard says.
 */
function decodeSingleByte(bytes: Uint8Array, encoding: 'windows-1252' | 'latin1' = 'windows-1252'): string {
  const decoder = new TextDecoder(encoding);
  return decoder.decode(bytes, { stream: true }) + decoder.decode();
}
const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * The file's text as a UTF-8 buffer without a byte-order mark (line structure unchanged, so line numbers hold).
 * `utf-8` is strict; `windows-1252` and `latin1` decode with Node's TextDecoder (which, as the WHATWG Encoding
 * standard and browsers do, reads latin1 as windows-1252, its superset: 0x80–0x9F are € ’ “ ” – — and so on).
 */
export function decodeImportBytes(buffer: Buffer, encoding: ImportEncoding = 'utf-8'): Buffer {
  const hasBom = buffer.subarray(0, 3).equals(UTF8_BOM);
  if (encoding === 'utf-8') {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buffer);
      return hasBom ? buffer.subarray(3) : buffer;
    } catch {
      const offset = firstInvalidUtf8(buffer);
      const at = Math.max(offset, 0);
      const { line, byte } = positionOf(buffer, at);
      const where = `line ${line} byte ${byte}: not UTF-8 (${hex(buffer[at])} at file offset ${at})`;
      if (looksLikeWindows1252(buffer)) {
        throw new ImportDecodeError(
          `${where}; it looks like windows-1252 (Æ Ø Å as single bytes; this byte would be "${decodeSingleByte(buffer.subarray(at, at + 1))}"): ` +
            'run again with --encoding windows-1252',
        );
      }
      throw new ImportDecodeError(`${where}; save the file as UTF-8, or name its encoding with --encoding windows-1252 or --encoding latin1`);
    }
  }
  if (hasBom) throw new ImportDecodeError(`the file starts with a UTF-8 byte-order mark, so it is UTF-8, not ${encoding}: run again without --encoding`);
  const multibyte = firstUtf8MultiByte(buffer);
  if (multibyte !== -1) {
    const { line, byte } = positionOf(buffer, multibyte);
    throw new ImportDecodeError(
      `line ${line} byte ${byte}: the file is valid UTF-8 with multi-byte characters, which ${encoding} would garble: run again without --encoding`,
    );
  }
  return Buffer.from(decodeSingleByte(buffer, encoding), 'utf8');
}

/** Offset of the first multi-byte character when the whole buffer is valid UTF-8, else -1. */
function firstUtf8MultiByte(buffer: Buffer): number {
  if (firstInvalidUtf8(buffer) !== -1) return -1;
  return buffer.findIndex((b) => b >= 0x80);
}
