/** A compiled Azure Functions route template such as `customers/{customerId}/items/{id?}` or `portal/{*path}`. */
export interface RouteMatcher {
  template: string;
  match(path: string): Record<string, string> | undefined;
}

/**
 * Compiles a route template with the Functions host's syntax: `{name}`,
 * optional `{name?}`, catch-all `{*name}`, and constraints such as
 * `{id:int}` (constraints other than int and guid are accepted without checks).
 */
export function compileRoute(template: string): RouteMatcher {
  const names: string[] = [];
  const segments = template.split('/').filter((segment) => segment !== '');
  let pattern = '^';
  for (const segment of segments) {
    const parameter = /^\{(\*)?([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?(\?)?\}$/.exec(segment);
    if (!parameter) {
      pattern += `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
      continue;
    }
    const [, catchAll, name, constraint, optional] = parameter;
    names.push(name ?? '');
    if (catchAll) {
      pattern += '(?:/(.*))?';
      continue;
    }
    let valuePattern = '[^/]+';
    if (constraint === 'int') {
      valuePattern = '-?\\d+';
    } else if (constraint === 'guid') {
      valuePattern = '[0-9a-fA-F-]{36}';
    }
    pattern += optional ? `(?:/(${valuePattern}))?` : `/(${valuePattern})`;
  }
  const regex = new RegExp(`${pattern}/?$`, 'i');

  return {
    template,
    match(path) {
      const result = regex.exec(path.startsWith('/') ? path : `/${path}`);
      if (!result) {
        return undefined;
      }
      const params: Record<string, string> = {};
      names.forEach((name, index) => {
        const value = result[index + 1];
        if (value !== undefined && value !== '') {
          params[name] = decodeURIComponent(value);
        }
      });
      return params;
    },
  };
}
