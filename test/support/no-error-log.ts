// "Never a stack trace in the log": call at the top of a test file, and every test in it fails if
// anything reached console.error (where unexpected errors are logged with their stack).
import { afterEach, beforeEach, expect, vi, type MockInstance } from "vitest";

export function expectNoErrorLog(): void {
  let logged: MockInstance;
  beforeEach(() => void (logged = vi.spyOn(console, "error")));
  afterEach(() => {
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
  });
}
