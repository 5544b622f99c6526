// Where log lines go: standard output as JSON (pretty in `npm run dev`), or, while a test taps it,
// to the test instead. One destination shared by every logger, so a tap sees every module's lines.
import { createRequire } from "node:module";
import path from "node:path";
import pino from "pino";

type Stream = { write(line: string): void };
type Tap = (line: string) => void;

const taps = new Set<Tap>();
let output: Stream | undefined;

/** pino-pretty is a dev dependency: used only under `next dev` and only when it is installed. */
export function prettyStream(): Stream | undefined {
  if (process.env.NODE_ENV !== "development") return undefined;
  try {
    // Resolved from the project root at run time, never bundled (Next.js keeps pino-pretty external).
    const require = createRequire(path.join(process.cwd(), "package.json"));
    const pretty = require("pino-pretty") as (options: object) => Stream;
    return pretty({ colorize: true, sync: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" });
  } catch {
    return undefined; // not installed (a production image): plain JSON lines
  }
}

export const logDestination: Stream = {
  write(line) {
    if (taps.size > 0) for (const tap of taps) tap(line);
    else (output ??= prettyStream() ?? pino.destination({ dest: 1, sync: true })).write(line);
  },
};

/**
 * Sends every log line to `tap` instead of standard output until the returned function is called
 * (tests read what was logged; several taps may listen at once).
 */
export function tapLogLines(tap: Tap): () => void {
  taps.add(tap);
  return () => void taps.delete(tap);
}
