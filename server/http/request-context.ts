import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.js';
import type { ActionContext, CurrentUser } from './context.js';
import { unauthorized } from './errors.js';

/** The action context of an authenticated request (routes with a permission never run without a user). */
export function actionContext(db: Db, req: FastifyRequest): ActionContext & { actor: CurrentUser } {
  if (!req.user) throw unauthorized();
  return { db, actor: req.user, requestId: String(req.id), ip: req.ip };
}

export function currentUser(req: FastifyRequest): CurrentUser {
  if (!req.user) throw unauthorized();
  return req.user;
}
