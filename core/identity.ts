/**
 * Identity numbers and contact data as they arrive from people and spreadsheets: 居民身份证号码
 * (GB 11643-1999), 统一社会信用代码 (GB 32100-2015), mobile numbers. Pure functions, shared by the
 * server (validation, import) and the web (live form checks).
 */

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Full-width digits, letters and spaces (common in sheets typed with a Chinese IME) become
 * half-width; runs of white space collapse; ends are trimmed.
 */
export function normaliseText(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\u3000\s]+/g, ' ')
    .trim();
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Validates an 18-digit 身份证号码: region, birth date and check digit. Returns it upper-cased. */
export function validateIdNumber(input: string): Checked<{ idNumber: string; birthDate: string }> {
  const text = normaliseText(input).replace(/\s/g, '').toUpperCase();
  if (text.length === 15 && /^\d{15}$/.test(text)) {
    return { ok: false, message: '15位旧身份证号码不再使用，请填写18位身份证号码' };
  }
  if (!/^\d{17}[\dX]$/.test(text)) return { ok: false, message: '身份证号码应为18位，前17位是数字，最后一位是数字或X' };
  if (!/^[1-8]/.test(text)) return { ok: false, message: '身份证号码前两位地区码不正确' };
  const y = Number(text.slice(6, 10));
  const m = Number(text.slice(10, 12));
  const d = Number(text.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return { ok: false, message: '身份证号码中的出生日期不存在' };
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(text[i]) * ID_WEIGHTS[i]!;
  if (ID_CHECK[sum % 11] !== text[17]) return { ok: false, message: '身份证号码校验位不正确，请核对后重新填写' };
  const birthDate = `${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`;
  return { ok: true, value: { idNumber: text, birthDate } };
}

/** What a list shows of an ID number: first 4 and last 4, e.g. 1101**********1234. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Validates an 18-character 统一社会信用代码 including its check character. */
export function validateUscc(input: string): Checked<string> {
  const text = normaliseText(input).replace(/\s/g, '').toUpperCase();
  if (text.length !== 18) return { ok: false, message: '统一社会信用代码应为18位' };
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(text[i]!);
    if (v < 0) return { ok: false, message: `统一社会信用代码第${i + 1}位“${text[i]}”不是允许的字符（不含 I、O、Z、S、V）` };
    sum += v * USCC_WEIGHTS[i]!;
  }
  const check = USCC_CHARS[(31 - (sum % 31)) % 31];
  if (check !== text[17]) return { ok: false, message: '统一社会信用代码校验位不正确，请核对后重新填写' };
  return { ok: true, value: text };
}

/** Check character for the first 17 characters of a USCC (used to build valid demo and test codes). */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

/** Check digit for the first 17 digits of an ID number (demo and test data). */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Validates a mainland mobile number (11 digits starting with 1); spaces and dashes are ignored. */
export function validateMobile(input: string): Checked<string> {
  const text = normaliseText(input).replace(/[\s-]/g, '');
  if (!/^1[3-9]\d{9}$/.test(text)) return { ok: false, message: '手机号码应为11位，以1开头' };
  return { ok: true, value: text };
}

/** 138****5678 */
export function maskMobile(mobile: string): string {
  if (mobile.length < 7) return '*'.repeat(mobile.length);
  return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
}
