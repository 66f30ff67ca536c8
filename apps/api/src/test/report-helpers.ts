import PizZip from 'pizzip';
import { inflateSync } from 'node:zlib';

/** Shared by the case report spec: a DOCX made from scratch and just enough PDF reading to find text in Chromium's output. */

/** The smallest Word document: one paragraph per entry, each holding its text verbatim (tags included). */
export function docxTemplate(paragraphs: string[]): Buffer {
  const zip = new PizZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`);
  return zip.generate({ type: 'nodebuffer' }) as Buffer;
}

/** The text of a DOCX's main part, tags stripped. */
export function docxText(bytes: Buffer): string {
  const xml = new PizZip(bytes).file('word/document.xml')?.asText() ?? '';
  return xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2];
    const at = body.search(/stream\r?\n/);
    if (at < 0) {
      out.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const start = (m.index ?? 0) + m[0].indexOf(body) + at + (body.slice(at).startsWith('stream\r\n') ? 8 : 7);
    const raw = pdf.subarray(start, start + Number(/\/Length (\d+)/.exec(body)?.[1] ?? 0));
    out.set(Number(m[1]), { dict: body.slice(0, at), stream: /\/FlateDecode/.test(body.slice(0, at)) ? inflateSync(raw) : raw });
  }
  return out;
}

/** A ToUnicode CMap: glyph code (hex) → text. */
function cmap(text: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const p of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(p[1].toUpperCase(), utf16(p[2]));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const r of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const [lo, hi, dst] = [parseInt(r[1], 16), parseInt(r[2], 16), parseInt(r[3], 16)];
      for (let c = lo; c <= hi; c++) map.set(c.toString(16).toUpperCase().padStart(r[1].length, '0'), String.fromCharCode(dst + c - lo));
    }
  }
  return map;
}

/** Text drawn by Chromium's PDF (Skia): Identity-H fonts with a ToUnicode map each. One line per text object. */
export function pdfText(pdf: Buffer): string {
  const objects = pdfObjects(pdf);
  const fonts = new Map<string, Map<string, string>>();
  for (const o of objects.values()) {
    for (const ref of o.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const unicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(Number(ref[2]))?.dict ?? '')?.[1];
      const stream = objects.get(Number(unicode))?.stream;
      if (stream) fonts.set(ref[1], cmap(stream.toString('latin1')));
    }
  }
  const lines: string[] = [];
  for (const o of objects.values()) {
    const content = o.stream?.toString('latin1') ?? '';
    for (const bt of content.matchAll(/BT([\s\S]*?)ET/g)) {
      let font = new Map<string, string>();
      let line = '';
      for (const op of bt[1].matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj/g)) {
        if (op[1]) font = fonts.get(op[1]) ?? new Map();
        const hexes = op[2] !== undefined ? [...op[2].matchAll(/<([0-9A-Fa-f]*)>/g)].map((h) => h[1]) : op[3] !== undefined ? [op[3]] : [];
        for (const hex of hexes) line += (hex.match(/.{4}/g) ?? []).map((g) => font.get(g.toUpperCase()) ?? '').join('');
      }
      if (line) lines.push(line);
    }
  }
  return lines.join('\n');
}

/** RFC 4180 parsing, enough to read the CSV back cell by cell. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}
