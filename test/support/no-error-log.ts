// "Never a stack trace in the log": call at the top of a test file, and every test in it fails if
// anything was logged at error level or above (where unexpected errors are logged with their
// stack), through the app's logger (lib/log) or, from a library, console.error.
import { afterEach, beforeEach, expect, vi, type MockInstance } from "vitest";
import { captureLogs, LEVEL, type LogCapture } from "./log-capture";

export function expectNoErrorLog(): void {
  let consoleErrors: MockInstance;
  let logs: LogCapture;
  beforeEach(() => {
    consoleErrors = vi.spyOn(console, "error");
    logs = captureLogs("warn");
  });
  afterEach(() => {
    logs.stop();
    const errors = logs
      .lines(LEVEL.error)
      .map(({ msg, err }) => [msg, (err as { stack?: string } | undefined)?.stack].filter(Boolean).join("\n"));
    expect(errors).toEqual([]);
    expect(consoleErrors).not.toHaveBeenCalled();
    consoleErrors.mockRestore();
  });
}
