import { useEffect, useState } from 'react'
import { listMembers, type Member } from '../../api'

let cached: Promise<Member[]> | null = null

/** The workspace's members for owner pickers; fetched once per page load. */
export const useMembers = (): { members: Member[]; error: string | null } => {
  const [members, setMembers] = useState<Member[]>([])
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let isCurrent = true
    cached ??= listMembers().then((page) => page.items)
    cached.then(
      (items) => isCurrent && setMembers(items),
      () => {
        cached = null
        if (isCurrent) setError('Could not load the list of people. Reload the page to try again.')
      },
    )
    return () => {
      isCurrent = false
    }
  }, [])
  return { members, error }
}
