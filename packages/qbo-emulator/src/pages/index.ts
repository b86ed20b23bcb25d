/**
 * Read-only HTML pages at QuickBooks' deep-link paths ("View in QuickBooks", API-NOTES.md §11).
 *
 * @example
 * import { registerDeepLinkPages } from './pages'
 * registerDeepLinkPages(app, registry, { clock })
 */
export { PAGE_PATHS, type PageEntity, pageHref } from './lookup'
export { registerDeepLinkPages } from './routes'
