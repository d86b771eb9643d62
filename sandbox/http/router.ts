/**
 * A small method + path router. Patterns use GitHub's own notation (`/orgs/{org}/teams/{team_slug}`)
 * so the pattern doubles as the endpoint name in request counts and fault rules.
 */
export type Params = Record<string, string>;

interface Route<H> {
  method: string;
  pattern: string;
  segments: string[];
  handler: H;
}

export type Match<H> =
  | { kind: "found"; method: string; pattern: string; params: Params; handler: H }
  | { kind: "method-not-allowed"; pattern: string; allowed: string[] }
  | { kind: "not-found" };

export interface Router<H> {
  add(method: string, pattern: string, handler: H): Router<H>;
  match(method: string, path: string): Match<H>;
  routes(): { method: string; pattern: string }[];
}

export function createRouter<H>(): Router<H> {
  const table: Route<H>[] = [];

  const router: Router<H> = {
    add(method, pattern, handler) {
      table.push({ method: method.toUpperCase(), pattern, segments: split(pattern), handler });
      return router;
    },
    match(method, path) {
      const wanted = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase();
      const segments = split(path);
      let allowed: string[] = [];
      let allowedPattern = "";
      for (const route of table) {
        const params = matchSegments(route.segments, segments);
        if (!params) continue;
        if (route.method === wanted) return { kind: "found", method: route.method, pattern: route.pattern, params, handler: route.handler };
        allowed = [...allowed, route.method];
        allowedPattern = route.pattern;
      }
      return allowed.length > 0 ? { kind: "method-not-allowed", pattern: allowedPattern, allowed } : { kind: "not-found" };
    },
    routes: () => table.map(({ method, pattern }) => ({ method, pattern })),
  };
  return router;
}

function split(path: string): string[] {
  // A trailing slash names the same resource, as on GitHub.
  return path.split("/").filter((segment, index, all) => segment !== "" || (index > 0 && index < all.length - 1));
}

function matchSegments(pattern: string[], actual: string[]): Params | undefined {
  // A last segment `{+name}` (RFC 6570 reserved expansion, as GitHub writes contents/{+path}) takes the rest of the path.
  const rest = /^\{\+(\w+)\}$/.exec(pattern.at(-1) ?? "")?.[1];
  if (rest ? actual.length < pattern.length : pattern.length !== actual.length) return undefined;
  const params: Params = {};
  if (rest) {
    try {
      params[rest] = actual.slice(pattern.length - 1).map((segment) => decodeURIComponent(segment)).join("/");
    } catch {
      return undefined;
    }
    pattern = pattern.slice(0, -1);
  }
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] ?? "";
    const value = actual[i] ?? "";
    const name = /^\{(\w+)\}$/.exec(expected)?.[1];
    if (name) {
      if (value === "") return undefined;
      try {
        params[name] = decodeURIComponent(value);
      } catch {
        return undefined;
      }
    } else if (expected !== value) {
      return undefined;
    }
  }
  return params;
}
