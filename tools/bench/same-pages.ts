import type { RequestMix } from './load';

async function page(origin: string, path: string, headers: Record<string, string>): Promise<string> {
  const res = await fetch(`${origin}${path}`, { headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path} on ${origin} answered ${res.status}: ${text.slice(0, 500)}`);
  return text;
}

/**
 * A ratio means nothing unless both servers do the same work: before timing, the baseline must
 * answer byte for byte what the api answers (same rows, order, fields, types, cursor) over several
 * customers, every status, and a few pages deep. Returns how many pages were compared.
 */
export async function assertSamePages(apiOrigin: string, rawOrigin: string, apiHeaders: Record<string, string>, mix: RequestMix): Promise<number> {
  let compared = 0;
  let nonEmpty = 0;
  for (const customer of mix.customerCodes.slice(0, 4)) {
    for (const { value: status } of mix.statusMix) {
      let path = `${mix.path}?customerCode=${customer}&status=${status}&limit=25`;
      for (let depth = 0; depth < 3; depth++) {
        const [fromApi, fromRaw] = await Promise.all([page(apiOrigin, path, apiHeaders), page(rawOrigin, path, {})]);
        compared++;
        if (fromApi !== fromRaw) {
          const at = [...fromApi].findIndex((ch, i) => ch !== fromRaw[i]);
          throw new Error(`the baseline's page differs from the api's for ${path} at character ${at}:\napi: ...${fromApi.slice(Math.max(0, at - 80), at + 120)}\nraw: ...${fromRaw.slice(Math.max(0, at - 80), at + 120)}`);
        }
        const body = JSON.parse(fromApi) as { items: unknown[]; nextCursor: string | null };
        if (body.items.length > 0) nonEmpty++;
        if (!body.nextCursor) break;
        path = `${mix.path}?customerCode=${customer}&status=${status}&limit=25&cursor=${body.nextCursor}`;
      }
    }
  }
  if (nonEmpty === 0) throw new Error('every compared page was empty: the load put no rows where the benchmark looks');
  return compared;
}
