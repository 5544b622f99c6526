// API keys never belong in a URL: every metered endpoint refuses a query that holds one.
const KEY_PREFIX = /tg_(live|test)_/i;

/** The 400's detail, the same on every endpoint: the key already leaked, so it says to rotate it. */
export const KEY_IN_QUERY_DETAIL =
  "Never put an API key in the URL; send it in the Authorization or X-API-Key header, and rotate this key.";

/**
 * Whether the query holds something shaped like a key, however it is spelled: a key in the URL would
 * travel on to the upstream and into every log on the way. Reads it the way any server might: `+`
 * as a space, %XX in either case (also %uXXXX), decoded again while that changes anything (a key
 * encoded twice), in names and values alike.
 */
export function keyInQuery(search: string): boolean {
  if (search === "") return false;
  let text = search.replaceAll("+", " ");
  for (let round = 0; round < 5; round++) {
    if (KEY_PREFIX.test(text)) return true;
    const decoded = text
      .replace(/%u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      .replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (decoded === text) return false;
    text = decoded;
  }
  return KEY_PREFIX.test(text);
}
