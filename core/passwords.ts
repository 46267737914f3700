/**
 * The password rule, one definition for the server that enforces it and the forms that say it
 * first: a password a street office can live with, but not a trivial one.
 */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return '密码至少 8 位';
  if (password.length > 128) return '密码不能超过 128 位';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((r) => r.test(password)).length;
  if (classes < 2) return '密码须包含字母、数字、符号中的至少两类';
  return null;
}
