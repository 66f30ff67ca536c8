import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { BadInputError } from '@copilot/api-core';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

interface DocxtemplaterProblem {
  properties?: { explanation?: unknown; errors?: { properties?: { explanation?: unknown } }[] };
}

/** docxtemplater reports template mistakes as one error holding a list, each with a human explanation. */
function explain(err: unknown): string {
  const props = (err as DocxtemplaterProblem).properties;
  const listed = (props?.errors ?? []).map((e) => e.properties?.explanation).filter((x): x is string => typeof x === 'string');
  if (listed.length > 0) return listed.join('; ');
  if (typeof props?.explanation === 'string') return props.explanation;
  return err instanceof Error ? err.message : String(err);
}

/**
 * Compiles a DOCX template with the DEFAULT parser: tags resolve plain names of the data only, so
 * a template cannot evaluate expressions or reach code (no angular-expressions parser, on purpose).
 * Any mistake in the file (not a zip, not a DOCX, unclosed tag, …) is a 400 naming `field`.
 */
export function compileDocx(bytes: Buffer, field: string, templateName: string): Docxtemplater {
  try {
    const zip = new PizZip(bytes);
    if (!zip.file('word/document.xml')) throw new Error('not a Word document (no word/document.xml)');
    return new Docxtemplater(zip, {
      paragraphLoop: true,
      linebreaks: true,
      // A name the data lacks renders empty instead of the word "undefined".
      nullGetter: () => '',
      // Errors are returned to the caller as a 400; docxtemplater would also print them to stdout.
      errorLogging: false,
    });
  } catch (err) {
    throw templateProblem(err, field, templateName);
  }
}

/** Renders data into a compiled template and returns the DOCX bytes; a render-time template error is a 400 too. */
export function renderDocx(doc: Docxtemplater, data: object, field: string, templateName: string): Buffer {
  try {
    doc.render(data);
  } catch (err) {
    throw templateProblem(err, field, templateName);
  }
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer;
}

function templateProblem(err: unknown, field: string, templateName: string): BadInputError {
  const why = explain(err);
  return new BadInputError(`Template "${templateName}" cannot be used: ${why}`, [{ field, message: why }]);
}
