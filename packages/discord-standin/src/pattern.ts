/**
 * Path patterns for faults and rate-limit rules. A RegExp is used as is (tested against the path without
 * /api/v10). A string matches the whole path; ":name" or "*" match one segment, "**" any rest:
 * "/channels/:id/messages", "/webhooks/**", or a concrete path like `/channels/${id}/messages`.
 */
export type PathPattern = RegExp | string;

export function compilePathPattern(pattern: PathPattern): (path: string) => boolean {
  if (pattern instanceof RegExp) {
    // A global/sticky RegExp keeps lastIndex between tests; copy it without those flags.
    const re = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
    return (path) => re.test(path);
  }
  const source = pattern
    .split('/')
    .map((segment) => {
      if (segment === '**') return '.*';
      if (segment === '*' || segment.startsWith(':')) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const re = new RegExp(`^${source}/?$`);
  return (path) => re.test(path);
}
