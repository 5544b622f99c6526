// The portal's error page when the database is the cause: it asks GET /api/health, names the
// database instead of showing a bare reference, keeps asking while it is down, and reloads the
// page once it answers.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ErrorView } from "@/components/ui/error-view";
import { watchDatabase, type DatabaseState } from "@/lib/health/watch-database";

afterEach(() => void vi.useRealTimers());

function watch(answers: boolean[]) {
  const asked: number[] = [];
  const states: DatabaseState[] = [];
  const isUp = async () => {
    asked.push(Date.now());
    return answers.shift() ?? true;
  };
  const stop = watchDatabase(isUp, (state) => void states.push(state), 5000);
  return { asked, states, stop };
}

describe("the portal's error page", () => {
  it("says the database is down, asks again every 5 s, and reloads once it answers", async () => {
    vi.useFakeTimers();
    const { asked, states } = watch([false, false, true]);
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual(["down"]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(states).toEqual(["down"]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(states).toEqual(["down", "back"]);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(asked).toHaveLength(3); // nothing more once it is back
  });

  it("asks once when the database answers (the error was something else), and stops when the page goes", async () => {
    vi.useFakeTimers();
    const up = watch([true]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(up.states).toEqual(["up"]);
    expect(up.asked).toHaveLength(1);

    const gone = watch([false, false]);
    await vi.advanceTimersByTimeAsync(0);
    gone.stop();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(gone.asked).toHaveLength(1);
  });

  it("names the database when it is the cause, and shows the reference otherwise", () => {
    const render = (database: DatabaseState) =>
      renderToStaticMarkup(createElement(ErrorView, { database, digest: "d1g35t", onRetry: () => undefined }));
    expect(render("down")).toContain("Tollgate cannot reach its database");
    expect(render("down")).toContain("reloads by itself");
    expect(render("down")).not.toContain("d1g35t");
    for (const state of ["checking", "up"] as const) {
      expect(render(state)).toContain("Something went wrong");
      expect(render(state)).toContain("Reference: d1g35t");
    }
  });
});
