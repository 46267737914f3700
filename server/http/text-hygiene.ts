import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

/**
 * Characters no form of this platform has a use for, refused wherever they arrive (body, query,
 * path): NUL and the other C0/C1 control characters but tab, line feed and carriage return (a NUL
 * reached PostgreSQL as a 500, the login included), lone UTF-16 surrogates, and the bidirectional
 * overrides and isolates that make a name or a title read differently from what it is (U+202A–202E,
 * U+2066–2069) and marks (U+200E, U+200F, U+061C), with the zero-width characters (space, non-joiner,
 * joiner U+200B–200D, word joiner and invisible operators U+2060–2064, the deprecated format controls
 * U+206A–206F, U+180E) and the byte-order mark. Issue 20 added the marks and the other zero-width
 * characters: a name must read as what it is in a list and in an official document.
 */
const FORBIDDEN_SOURCE =
  '[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const FORBIDDEN = new RegExp(FORBIDDEN_SOURCE);
const FORBIDDEN_ALL = new RegExp(FORBIDDEN_SOURCE, 'g');

const NAMES: Record<string, string> = {
  '\u0000': 'NUL',
};

function describe(ch: string): string {
  const code = ch.codePointAt(0)!;
  return NAMES[ch] ?? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The text with every forbidden character removed: for what arrives outside a form (spreadsheet
 * cells copied from elsewhere) and for what leaves in an official document, whatever is stored.
 */
export function stripForbidden(text: string): string {
  return text.replace(FORBIDDEN_ALL, '');
}

/** A Chinese description of the first forbidden character in `text`, or null. */
export function checkText(text: string): string | null {
  const hit = forbiddenText(text);
  return hit ? `中含有不允许的控制字符或不可见字符（${hit.char}），请删除后重试` : null;
}

/** The path and the character of the first forbidden character in `value`, or null. */
export function forbiddenText(value: unknown, path = ''): { path: string; char: string } | null {
  if (typeof value === 'string') {
    const m = FORBIDDEN.exec(value);
    return m ? { path, char: describe(m[0]) } : null;
  }
  // an uploaded file (a Buffer) is not text: walking its bytes one entry each stalled the server for seconds
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const [k, v] of Object.entries(value)) {
      const hit = forbiddenText(v, path ? `${path}.${k}` : k);
      if (hit) return hit;
    }
  }
  return null;
}

/** Refuses (400) any request whose body, query or path carries a forbidden character, before validation. */
export function installTextHygiene(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    for (const part of [req.params, req.query, req.body]) {
      const hit = forbiddenText(part);
      if (hit)
        throw new AppError(
          400,
          'FORBIDDEN_CHARACTER',
          `输入${hit.path ? `字段「${hit.path}」` : ''}中含有不允许的控制字符或不可见字符（${hit.char}），请删除后重试`,
          [{ field: hit.path, message: '含有不允许的控制字符或不可见字符' }],
        );
    }
  });
}
