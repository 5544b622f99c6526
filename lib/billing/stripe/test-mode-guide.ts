// The README's "Stripe test mode in minutes", read from the installation's own README so the page
// the billing page links to (/docs/stripe) and the README cannot drift. Null when the README is not
// deployed next to the app (then the page says where to find it).
import { readFile } from "node:fs/promises";
import path from "node:path";

export const STRIPE_GUIDE_HEADING = "### Stripe test mode in minutes";

/** The section's Markdown without its heading: from the heading to the next heading of level 2 or 3. */
export function stripeGuideFrom(readme: string): string | null {
  const start = readme.indexOf(`\n${STRIPE_GUIDE_HEADING}\n`);
  if (start === -1) return null;
  const body = readme.slice(start + STRIPE_GUIDE_HEADING.length + 2);
  const end = body.search(/\n#{2,3} /);
  return (end === -1 ? body : body.slice(0, end)).trim();
}

export async function readStripeTestModeGuide(): Promise<string | null> {
  try {
    return stripeGuideFrom(await readFile(path.join(process.cwd(), "README.md"), "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
