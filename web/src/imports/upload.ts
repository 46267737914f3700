import { ApiError } from '../api';
import type { ImportBatch, ImportKind } from './types';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_BYTES = 20 * 1024 * 1024;

/** Sends the file itself as the body (no multipart), with the CSRF token, and reads the server's Chinese error. */
export async function uploadFile(file: File, kind: ImportKind, nodeId: number, csrf: string | null): Promise<ImportBatch> {
  const url = `/api/imports?kind=${kind}&nodeId=${nodeId}&fileName=${encodeURIComponent(file.name)}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': XLSX, accept: 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  const data = (await res.json().catch(() => null)) as (ImportBatch & { code?: string; message?: string }) | null;
  if (!res.ok) throw new ApiError(res.status, data?.code ?? `HTTP_${res.status}`, data?.message ?? `上传失败（HTTP ${res.status}）`);
  return data!;
}
