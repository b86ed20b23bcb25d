/** Who is acting, and in which workspace: every service call takes one. */
export type ServiceContext = Readonly<{ workspaceId: string; userId: string | null }>

export type Role = 'admin' | 'member'
