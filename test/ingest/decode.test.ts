import { describe, expect, it } from 'vitest';
import { decodeBytes, DecodeError } from '../../src/ingest/decode.js';

// “Café” in windows-1252: 0x93 and 0x94 are curly quotes, 0xE9 is é.
const cp1252 = Buffer.from([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x6f, 0x70, 0x65, 0x6e, 0x73]);

describe('decodeBytes', () => {
  it('falls back to windows-1252 when the bytes are not valid UTF-8', () => {
    const d = decodeBytes(cp1252);
    expect(d.text).toBe('“Café” opens');
    expect(d.encoding).toBe('windows-1252');
  });

  it('reads valid UTF-8 without a declaration', () => {
    expect(decodeBytes(Buffer.from('“Café” opens', 'utf8')).text).toBe('“Café” opens');
  });

  it('honours a UTF-8 BOM and strips it', () => {
    const d = decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Ünïcode', 'utf8')]));
    expect(d).toMatchObject({ text: 'Ünïcode', source: 'bom' });
  });

  it('honours a UTF-16LE BOM', () => {
    const d = decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Harbour news', 'utf16le')]));
    expect(d.text).toBe('Harbour news');
  });

  it('uses the HTTP charset', () => {
    const d = decodeBytes(Buffer.from([0x63, 0x61, 0x66, 0xe9]), { contentType: 'text/plain; charset=ISO-8859-1' });
    expect(d).toMatchObject({ text: 'café', source: 'http' });
  });

  it('uses <meta charset> and the XML declaration', () => {
    const html = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1252"></head><body>'), Buffer.from([0xe9]), Buffer.from('</body></html>')]);
    expect(decodeBytes(html)).toMatchObject({ source: 'meta' });
    expect(decodeBytes(html).text).toContain('<body>é</body>');
    const xml = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><t>'), Buffer.from([0x93, 0x61, 0x94]), Buffer.from('</t></rss>')]);
    expect(decodeBytes(xml).text).toContain('<t>“a”</t>');
  });

  it('treats a document labelled utf-8 that is not UTF-8 as windows-1252', () => {
    const bytes = Buffer.concat([Buffer.from('<meta charset="utf-8"><p>'), cp1252]);
    expect(decodeBytes(bytes).text).toContain('“Café” opens');
  });

  it('rejects binary data with a clear reason', () => {
    expect(() => decodeBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]))).toThrow(DecodeError);
    expect(() => decodeBytes(Buffer.from([0x89, 0x50, 0x00]))).toThrow('looks like a binary file (contains NUL bytes)');
    const controls = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)));
    expect(() => decodeBytes(controls)).toThrow(/many control characters/);
  });
});
