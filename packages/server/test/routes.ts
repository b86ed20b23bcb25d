import type { FastifyInstance } from 'fastify'

export type RouteInfo = {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  path: string
  tags: string[]
  bodySchema: { type?: string; properties?: Record<string, JsonSchema> } | undefined
  bodyType: string | undefined
}
export type JsonSchema = {
  type?: string | string[]
  anyOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
}

/** Every API route, read from the app's OpenAPI document (which Fastify builds from the registered routes). */
export const apiRoutes = (app: FastifyInstance): RouteInfo[] => {
  const document = app.swagger() as {
    paths: Record<
      string,
      Record<string, { tags?: string[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>
    >
  }
  const routes: RouteInfo[] = []
  for (const [path, operations] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/') || path.startsWith('/api/docs')) continue
    for (const [method, operation] of Object.entries(operations)) {
      const content = operation.requestBody?.content ?? {}
      const [bodyType] = Object.keys(content)
      routes.push({
        method: method.toUpperCase() as RouteInfo['method'],
        path,
        tags: operation.tags ?? [],
        bodySchema: bodyType ? (content[bodyType]?.schema as RouteInfo['bodySchema']) : undefined,
        bodyType,
      })
    }
  }
  return routes
}

export const typesOf = (schema: JsonSchema): string[] => [
  ...(Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []),
  ...(schema.anyOf ?? []).flatMap(typesOf),
]
