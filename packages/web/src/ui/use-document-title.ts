import { useEffect } from 'react'

/** Sets the browser tab's title, so screen-reader users hear where a navigation landed. */
export const useDocumentTitle = (title: string): void => {
  useEffect(() => {
    document.title = `${title} — Ledgerlink`
  }, [title])
}
