import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/connect.js';

/** 人员与党组织（issue 3）. */
export const peopleRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (_app, _opts) => {};
