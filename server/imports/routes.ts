import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/connect.js';

/** 导入导出（issue 3）. */
export const importRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (_app, _opts) => {};
