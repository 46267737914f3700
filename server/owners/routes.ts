import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/connect.js';

/** 业主名册（issue 3）. */
export const ownerRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (_app, _opts) => {};
