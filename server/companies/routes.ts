import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/connect.js';

/** 物业企业（issue 3）. */
export const companyRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (_app, _opts) => {};
