/**
 * An error a user can act on: HTTP status, a stable code, and a Chinese message saying what was
 * wrong and what to do. Use cases throw these; the error handler renders them as
 * `{ code, message, fields? }`.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: { field: string; message: string }[],
  ) {
    super(message);
  }
}

export const badRequest = (message: string, field?: string) =>
  new AppError(400, 'BAD_REQUEST', message, field ? [{ field, message }] : undefined);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what}不存在或您无权查看`);
export const forbidden = (message = '您没有执行此操作的权限') => new AppError(403, 'FORBIDDEN', message);
export const conflict = (message: string) => new AppError(409, 'CONFLICT', message);
export const unauthorized = (message = '请先登录') => new AppError(401, 'UNAUTHORIZED', message);
