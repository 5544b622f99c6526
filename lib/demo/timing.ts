// Demo upstream GET /stream (server-sent events) and GET /delay: both stop their timers when the
// caller goes away, so abandoned calls hold nothing.
import { intParam, json, sleep } from "@/lib/demo/responses";

export function stream(request: Request): Response {
  const url = new URL(request.url);
  const count = intParam(url, "count", 5, 1, 50);
  if (count instanceof Response) return count;
  const intervalMs = intParam(url, "intervalMs", 200, 0, 2000);
  if (intervalMs instanceof Response) return intervalMs;

  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let sink!: ReadableStreamDefaultController<Uint8Array>;
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    request.signal.removeEventListener("abort", onAbort);
  };
  const onAbort = () => {
    if (stopped) return;
    stop();
    sink.error(new Error("the caller went away"));
  };
  let n = 0;
  const emit = () => {
    if (stopped) return;
    n += 1;
    sink.enqueue(encoder.encode(`id: ${n}\ndata: ${JSON.stringify({ n })}\n\n`));
    if (n < count) {
      timer = setTimeout(emit, intervalMs);
      return;
    }
    stop();
    sink.close();
  };

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      sink = controller;
      if (request.signal.aborted) return onAbort();
      request.signal.addEventListener("abort", onAbort, { once: true });
      emit();
    },
    cancel: stop,
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      "x-accel-buffering": "no",
    },
  });
}

export async function delay(request: Request): Promise<Response> {
  const ms = intParam(new URL(request.url), "ms", 1000, 0, 30_000);
  if (ms instanceof Response) return ms;
  const startedAt = new Date();
  const completed = await sleep(ms, request.signal);
  // Nobody reads the answer to an aborted call; 499 (client closed request) keeps logs honest.
  if (!completed) return new Response(null, { status: 499 });
  return json({ delayedMs: ms, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString() });
}
