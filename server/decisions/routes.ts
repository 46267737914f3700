import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/connect.js';

/** 业主共同决定. */
export const decisionRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (_app, _opts) => {};
