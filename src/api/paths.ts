/** API URLs come from the shared contract; only the query-string helper is the console's own. */
export { paths } from '../../contract/paths.ts';

export type ListParams = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, params: ListParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
