// What the app logged, for assertions: every logger writes to one destination (lib/log), which a
// capture taps instead of standard output, so the lines are also kept out of the test output.
import { afterEach, beforeEach } from "vitest";
import { tapLogLines } from "@/lib/log/destination";
import { rootLogger } from "@/lib/log/logger";

export type LogLine = { level: number; msg?: string; module?: string; requestId?: string; [field: string]: unknown };

export const LEVEL = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

export type LogCapture = {
  /** the raw JSON lines, as a log system would receive them */
  readonly raw: string[];
  /** the lines parsed, optionally from a level up */
  lines(minLevel?: number): LogLine[];
  /** every raw line joined: for "contains" and "does not contain" checks */
  text(): string;
  clear(): void;
  stop(): void;
};

/** Captures every line from now until stop(), at `level` and above (trace by default, whatever LOG_LEVEL says). */
export function captureLogs(level: keyof typeof LEVEL = "trace"): LogCapture {
  const raw: string[] = [];
  const logger = rootLogger();
  const savedLevel = logger.level;
  logger.level = level;
  const untap = tapLogLines((line) => void raw.push(line));
  return {
    raw,
    lines: (minLevel = 0) => raw.map((line) => JSON.parse(line) as LogLine).filter((line) => line.level >= minLevel),
    text: () => raw.join(""),
    clear: () => void raw.splice(0),
    stop() {
      untap();
      logger.level = savedLevel;
    },
  };
}

/** A capture for each test of the file: `const logs = captureLogsPerTest()`, then `logs.current`. */
export function captureLogsPerTest(level: keyof typeof LEVEL = "trace"): { current: LogCapture } {
  const holder = {} as { current: LogCapture };
  beforeEach(() => void (holder.current = captureLogs(level)));
  afterEach(() => holder.current.stop());
  return holder;
}
