import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/connect.js';
import { currentUser } from '../http/request-context.js';
import { ownerHome } from './home.js';

/** Issue 19: the owner's home on the phone. */
export const ownerHomeRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/my/home',
    {
      config: { permission: 'owner.self' },
      schema: { tags: ['业主端'], summary: '业主首页：我的房屋、正在进行的表决（剩余天数、是否已投票）、待办、本小区最新公告' },
    },
    async (req) => ownerHome(db, currentUser(req)),
  );
};
