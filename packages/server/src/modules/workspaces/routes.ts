import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Db } from '../../db'
import { requireAdmin, serviceContext } from '../../http/session'
import { createUserBody, idParams, updateUserBody } from './schemas'
import * as service from './service'

const userView = (user: service.User) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  createdAt: user.createdAt,
})

/** Workspace members (any signed-in user) and user administration (admins). Mounted under /api. */
export const workspaceRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get('/workspace/members', { schema: { tags: ['workspace'] } }, async (request) => {
    const users = await service.listUsers(db, serviceContext(request))
    return { items: users.map(({ id, name, email, role }) => ({ id, name, email, role })) }
  })

  app.get('/users', { preHandler: requireAdmin, schema: { tags: ['users'] } }, async (request) => {
    const users = await service.listUsers(db, serviceContext(request))
    return { items: users.map(userView) }
  })

  app.post(
    '/users',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['users'],
        description:
          'Invites a user by creating their account with an initial password that the administrator passes on. ' +
          'Email invitations are not sent.',
        body: createUserBody,
      },
    },
    async (request, reply) => {
      const user = await service.createUser(db, serviceContext(request), request.body)
      return reply.code(201).send(userView(user))
    },
  )

  app.patch(
    '/users/:id',
    { preHandler: requireAdmin, schema: { tags: ['users'], params: idParams, body: updateUserBody } },
    async (request) =>
      userView(await service.updateUser(db, serviceContext(request), request.params.id, request.body)),
  )

  app.delete(
    '/users/:id',
    { preHandler: requireAdmin, schema: { tags: ['users'], params: idParams } },
    async (request, reply) => {
      await service.deleteUser(db, serviceContext(request), request.params.id)
      return reply.code(204).send()
    },
  )
}
