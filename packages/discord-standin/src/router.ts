/** Matches a concrete (already URL-decoded) path to a route template and names its top-level resource (the bucket's major key). */
import type { RouteDef } from './world.js';

export interface RouteMatch {
  def: RouteDef;
  params: Record<string, string>;
  /** channel_id / guild_id / webhook_id+token / interaction id, as Discord scopes rate limits; "global" otherwise. */
  major: string;
}

interface Compiled {
  def: RouteDef;
  segments: string[];
}

export class Router {
  private readonly compiled: Compiled[];

  constructor(defs: readonly RouteDef[]) {
    this.compiled = defs.map((def) => ({ def, segments: def.route.split('/').filter(Boolean) }));
  }

  /** `undefined` = no such path; `'method'` = the path exists with another method (Discord: 405). */
  match(method: string, path: string): RouteMatch | 'method' | undefined {
    const parts = path.split('/').filter(Boolean);
    let pathKnown = false;
    for (const { def, segments } of this.compiled) {
      const params = matchSegments(segments, parts);
      if (!params) continue;
      pathKnown = true;
      if (def.method === method) return { def, params, major: majorOf(segments, parts) };
    }
    return pathKnown ? 'method' : undefined;
  }
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] ?? '';
    const part = parts[i] ?? '';
    if (seg.startsWith(':')) params[seg.slice(1)] = part;
    else if (seg !== part) return undefined;
  }
  return params;
}

function majorOf(segments: string[], parts: string[]): string {
  const top = segments[0];
  if ((top === 'channels' || top === 'guilds') && segments[1]?.startsWith(':')) return parts[1] ?? 'global';
  // Each interaction answers on its own (Discord: callbacks are not shared-bucket limited).
  if (top === 'interactions') return parts[1] ?? 'global';
  if (top === 'webhooks' && segments[1]?.startsWith(':')) return `${parts[1] ?? ''}:${segments[2]?.startsWith(':') ? (parts[2] ?? '') : ''}`;
  return 'global';
}
