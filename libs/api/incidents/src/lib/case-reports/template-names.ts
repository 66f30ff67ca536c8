import { BadInputError } from '@copilot/api-core';

/**
 * Template names are their object keys and appear in a URL path, so they stay plain: letters, digits,
 * space, dot, underscore and hyphen, a leading letter or digit, no `..`, ending in `.docx`.
 */
const TEMPLATE_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,95}\.docx$/;

export function checkTemplateName(raw: string | undefined, field: string): string {
  const name = (raw ?? '').trim();
  if (!TEMPLATE_NAME.test(name) || name.includes('..')) {
    const message = 'must be a .docx name of at most 100 letters, digits, spaces, dots, underscores or hyphens, without ".."';
    throw new BadInputError(`Template name ${JSON.stringify(name.slice(0, 60))} ${message}`, [{ field, message }]);
  }
  return name;
}
