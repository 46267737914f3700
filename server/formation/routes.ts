import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/connect.js';

/** 物管会组建. */
export const formationRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (_app, _opts) => {};
