// Server-sent events as both providers stream them (WHATWG event-stream rules): an incremental parser
// for what arrives from upstream in chunks cut anywhere, and the serializer for what we send on.

/** One event: `event` when the stream named it (Anthropic does), `data` its data lines joined by "\n". */
export type SseRecord = { event?: string; data: string };

/** The data of the record with which OpenAI-compatible streams end. */
export const SSE_DONE = "[DONE]";

/** An incremental parser: feed it chunks in order, get the records each one completes. */
export type SseParser = {
  /** Chunks may split lines, `\r\n` pairs and UTF-8 characters anywhere; pass bytes or text, not both. */
  push(chunk: string | Uint8Array): SseRecord[];
  /** The stream ended: the last record, when its closing blank line never came. */
  end(): SseRecord[];
};

/** A new parser. Comments (`:` lines, providers' keep-alives), `id` and `retry` are skipped. */
export function createSseParser(): SseParser {
  const decoder = new TextDecoder("utf-8");
  let buffer = "";
  // The previous chunk ended with "\r": a "\n" opening the next one belongs to that same line end.
  let pendingCarriageReturn = false;
  let atStart = true;
  let event: string | undefined;
  let data: string[] = [];

  const dispatch = (out: SseRecord[]) => {
    if (data.length > 0) out.push(event === undefined ? { data: data.join("\n") } : { event, data: data.join("\n") });
    event = undefined;
    data = [];
  };

  const readLine = (line: string, out: SseRecord[]) => {
    if (line === "") return dispatch(out);
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(line.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1);
    if (field === "data") data.push(value);
    else if (field === "event") event = value;
  };

  const readText = (text: string): SseRecord[] => {
    if (pendingCarriageReturn && text.startsWith("\n")) text = text.slice(1);
    if (text !== "") pendingCarriageReturn = false;
    if (atStart && text !== "") {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      atStart = false;
    }
    // What the buffer held is one unfinished line: scan only the new text, so a long line cut into
    // many small chunks costs linear time.
    let index = buffer.length;
    buffer += text;
    const out: SseRecord[] = [];
    let start = 0;
    for (; index < buffer.length; index++) {
      const code = buffer.charCodeAt(index);
      if (code !== 10 && code !== 13) continue;
      readLine(buffer.slice(start, index), out);
      if (code === 13) {
        if (index + 1 === buffer.length) pendingCarriageReturn = true;
        else if (buffer.charCodeAt(index + 1) === 10) index++;
      }
      start = index + 1;
    }
    buffer = buffer.slice(start);
    return out;
  };

  return {
    push: (chunk) => readText(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true })),
    end: () => {
      const out = readText(decoder.decode());
      if (buffer !== "") readLine(buffer, out);
      buffer = "";
      // Lenient where the standard drops it: a provider that ends without the blank line still
      // delivered its last event (often the one with the usage).
      dispatch(out);
      return out;
    },
  };
}

/** The record as event-stream text, one `data:` line per line of `data`, ended by a blank line. */
export function serializeSseRecord(record: SseRecord): string {
  const lines = record.data.split(/\r\n|\r|\n/).map((line) => `data: ${line}\n`);
  return `${record.event === undefined ? "" : `event: ${record.event}\n`}${lines.join("")}\n`;
}
