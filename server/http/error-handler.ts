import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { CalendarRangeError } from '../../core/workdays.js';
import { isDiskFull, type DiskWatch } from './disk.js';
import { AppError } from './errors.js';

const FIELD_LABEL: Record<string, string> = {
  body: '请求体',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: '请求体过大，请缩小提交的内容后重试',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: '不支持的内容类型，请以 application/json 提交',
  FST_ERR_CTP_EMPTY_JSON_BODY: '请求体为空，请提交 JSON 数据',
  FST_ERR_CTP_INVALID_JSON_BODY: '请求体不是合法的 JSON，请检查格式',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: '请求长度与内容不符',
  FST_ERR_NOT_FOUND: '请求的地址不存在',
};

/** PostgreSQL errors a client can cause, mapped to 4xx; everything else is our bug and a 500. */
const PG_ERRORS: Record<string, [number, string]> = {
  '23505': [409, '记录已存在（与现有数据重复），请检查后重试'],
  '23503': [409, '该记录仍被其他数据引用，或引用的数据不存在'],
  '23514': [400, '数据不符合约束条件，请检查填写内容'],
  '22P02': [400, '数据格式不正确'],
  '22003': [400, '数值超出允许范围'],
  '22007': [400, '日期或时间格式不正确'],
  '22008': [400, '日期或时间超出允许范围'],
  '22021': [400, '文字中含有无效字符，请删除后重试'],
  '22P05': [400, '文字中含有无效字符，请删除后重试'],
};

export function installErrorHandler(app: FastifyInstance, disk?: DiskWatch) {
  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ code: 'NOT_FOUND', message: `请求的地址不存在：${req.method} ${req.url.split('?')[0]}` });
  });

  app.setErrorHandler((err: FastifyError & { code?: string }, req, reply) => {
    // A period that runs outside the working-day calendar's years (2000–2100): the input's fault, said as it is.
    if (err instanceof CalendarRangeError)
      return reply.status(400).send({ code: 'OUT_OF_CALENDAR', message: `${err.message}，请检查日期` });
    if (err instanceof AppError) {
      return reply.status(err.status).send({ code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = FIELD_LABEL[err.validationContext ?? ''] ?? '';
      const fields = err.validation.map((v) => {
        const field =
          v.instancePath.replace(/^\//, '').replaceAll('/', '.') ||
          (v.params?.issue as { keys?: string[] } | undefined)?.keys?.join(',') ||
          '';
        return { field, message: v.message ?? '格式不正确' };
      });
      const message = fields.map((f) => (f.field ? `${where}字段「${f.field}」：${f.message}` : `${where}${f.message}`)).join('；');
      return reply.status(400).send({ code: 'VALIDATION_FAILED', message, fields });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response does not match its schema');
      return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后重试或联系管理员' });
    }
    // The disk is full: nothing was saved, and the user is told so rather than "internal error".
    if (isDiskFull(err)) {
      disk?.markFull();
      req.log.error({ err }, 'disk full');
      return reply.status(507).send({
        code: 'DISK_FULL',
        message: '服务器存储空间已满，本次提交未能保存。请稍后重试；如持续出现，请联系系统管理员清理磁盘空间',
      });
    }
    const pg = err.code && PG_ERRORS[err.code];
    if (pg) {
      req.log.warn({ err }, 'database constraint');
      return reply.status(pg[0]).send({ code: 'CONSTRAINT', message: pg[1] });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const message =
        (err.code && FASTIFY_MESSAGES[err.code]) ??
        (err instanceof SyntaxError || /JSON/i.test(err.message) ? '请求体不是合法的 JSON，请检查格式' : '请求不正确，请检查后重试');
      return reply.status(status).send({ code: err.code ?? 'BAD_REQUEST', message });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后重试或联系管理员' });
  });
}
