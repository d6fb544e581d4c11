/**
 * A tiny method + path router. In patterns, `:name` matches a numeric segment (so
 * `/leads/:id` never swallows `/leads/pipelines`) and `{name}` any one segment. Enough for the
 * emulator's fixed set of routes; no dependency.
 */
export interface Route<C, R> {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: (ctx: C, params: Record<string, string>) => R;
}

export class Router<C, R> {
  private readonly routes: Route<C, R>[] = [];

  on(method: string, path: string, handler: Route<C, R>['handler']): this {
    const names: string[] = [];
    const source = path.replace(
      /:([a-zA-Z_]+)|\{([a-zA-Z_]+)\}/g,
      (_, num?: string, any?: string) => {
        names.push(num ?? any ?? '');
        return num ? '(\\d+)' : '([^/]+)';
      },
    );
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  /** The matching route, or `'method'` when the path exists under another method. */
  match(
    method: string,
    path: string,
  ): { handler: Route<C, R>['handler']; params: Record<string, string> } | 'method' | null {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1] ?? '')));
      return { handler: route.handler, params };
    }
    return pathMatched ? 'method' : null;
  }
}
