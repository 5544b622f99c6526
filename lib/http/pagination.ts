// Page-number pagination for lists paged by a search param: the ledger and the admin lists (teams,
// users, payments, outbox). Pages are short and read newest first; one extra row is fetched to know
// whether a next page exists without a count(*).
import { firstParam, type SearchParamValue } from "@/lib/http/search-params";

export const PAGE_SIZE = 25;
/** Far enough for any real history; bounds the OFFSET a hand-typed URL can ask for. */
const MAX_PAGE = 10_000;

export type Paged<T> = { rows: T[]; page: number; hasPrevious: boolean; hasNext: boolean };

/** `?ledger=2` -> 2. Anything that is not a whole number from 1 up reads as the first page. */
export function parsePage(value: SearchParamValue): number {
  const raw = firstParam(value);
  if (!raw || !/^\d{1,6}$/.test(raw)) return 1;
  return Math.min(Math.max(Number(raw), 1), MAX_PAGE);
}

/** skip/take for `page`, taking one row more than shown. */
export const pageWindow = (page: number) => ({ skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE + 1 });

export function toPaged<T>(fetched: T[], page: number): Paged<T> {
  return { rows: fetched.slice(0, PAGE_SIZE), page, hasPrevious: page > 1, hasNext: fetched.length > PAGE_SIZE };
}
