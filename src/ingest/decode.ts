// Bytes -> text. Order of evidence: byte-order mark, HTTP charset, <meta charset> / XML declaration,
// then UTF-8 if the bytes are valid UTF-8, else windows-1252 (what "latin-1" text usually really is).

export interface DecodedText {
  text: string;
  /** The encoding used (WHATWG name, e.g. "utf-8", "windows-1252"). */
  encoding: string;
  /** Where the encoding came from. */
  source: 'bom' | 'http' | 'meta' | 'xml' | 'utf8-valid' | 'fallback';
}

/** The bytes are not text we can read (binary, or an unknown encoding). */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

/** Charset named in a Content-Type header value, if any. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  return m?.[1]?.toLowerCase();
}

// Node 20's TextDecoder decodes windows-1252 as ISO-8859-1 (0x80-0x9F become C1 controls, so
// curly quotes and dashes are lost); these are the windows-1252 characters for that block.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWith(encoding: string, bytes: Uint8Array): string {
  if (encoding === 'windows-1252') {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      .toString('latin1')
      .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
  }
  return new TextDecoder(encoding).decode(bytes);
}

function supported(label: string | undefined): string | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

function bomEncoding(bytes: Uint8Array): { encoding: string; skip: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return undefined;
}

/** Charset declared inside the document (first 2 KiB): XML declaration or HTML meta. */
export function declaredCharset(bytes: Uint8Array): { label: string; source: 'meta' | 'xml' } | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml?.[1]) return { label: xml[1].toLowerCase(), source: 'xml' };
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  if (meta?.[1]) return { label: meta[1].toLowerCase(), source: 'meta' };
  return undefined;
}

/** A reason when the bytes look binary (NUL bytes or many control characters), else undefined. */
export function binaryReason(bytes: Uint8Array): string | undefined {
  const sample = bytes.subarray(0, 8192);
  if (sample.length === 0) return undefined;
  let control = 0;
  for (const b of sample) {
    if (b === 0) return 'looks like a binary file (contains NUL bytes)';
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (control / sample.length > 0.05) return 'looks like a binary file (many control characters)';
  return undefined;
}

export function decodeBytes(bytes: Uint8Array, opts: { contentType?: string } = {}): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom) {
    const text = new TextDecoder(bom.encoding).decode(bytes.subarray(bom.skip));
    return { text, encoding: bom.encoding, source: 'bom' };
  }
  const binary = binaryReason(bytes);
  if (binary) throw new DecodeError(binary);

  const httpLabel = charsetFromContentType(opts.contentType);
  const httpEnc = supported(httpLabel);
  if (httpEnc && !httpEnc.startsWith('utf-16') && (httpEnc !== 'utf-8' || isValidUtf8(bytes))) {
    return { text: decodeWith(httpEnc, bytes), encoding: httpEnc, source: 'http' };
  }
  const declared = declaredCharset(bytes);
  const declaredEnc = supported(declared?.label);
  // A document that says utf-8 but is not valid UTF-8 is almost always windows-1252: fall through.
  if (declared && declaredEnc && !declaredEnc.startsWith('utf-16') && (declaredEnc !== 'utf-8' || isValidUtf8(bytes))) {
    return { text: decodeWith(declaredEnc, bytes), encoding: declaredEnc, source: declared.source };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, encoding: 'utf-8', source: 'utf8-valid' };
  } catch {
    return { text: decodeWith('windows-1252', bytes), encoding: 'windows-1252', source: 'fallback' };
  }
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
