// The event-stream parser against a sample mixing both providers' habits, cut at every byte offset.
import { describe, expect, it } from "vitest";
import { createSseParser, serializeSseRecord, SSE_DONE, type SseRecord } from "@/lib/ai/sse";

// Anthropic names its events; OpenAI-compatible servers send bare data, keep-alive comments, \r\n
// line ends, and end with [DONE]. Multi-byte characters make byte cuts land inside a character.
const sample = [
  ": OPENROUTER PROCESSING\n\n",
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1"}}\n\n',
  'event: ping\r\ndata: {"type": "ping"}\r\n\r\n',
  'data: {"choices":[{"delta":{"content":"Grüße aus Zürich ☀️ 👋"}}]}\r\r',
  "data: first line\ndata:second line, no space\ndata\n\n",
  "id: 7\nretry: 1000\nevent: custom\n: a comment between fields\ndata:  two spaces keep one\n\n",
  "event: lonely\n\n",
  `data: ${SSE_DONE}\n\n`,
].join("");

const expected: SseRecord[] = [
  { event: "message_start", data: '{"type":"message_start","message":{"id":"msg_1"}}' },
  { event: "ping", data: '{"type": "ping"}' },
  { data: '{"choices":[{"delta":{"content":"Grüße aus Zürich ☀️ 👋"}}]}' },
  { data: "first line\nsecond line, no space\n" },
  { event: "custom", data: " two spaces keep one" },
  { data: "[DONE]" },
];

const parseAll = (chunks: (string | Uint8Array)[]) => {
  const parser = createSseParser();
  return [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
};

describe("createSseParser", () => {
  const bytes = new TextEncoder().encode(sample);

  it("parses the sample in one piece", () => {
    expect(parseAll([sample])).toEqual(expected);
    expect(parseAll([bytes])).toEqual(expected);
  });

  it("gives the same records however the bytes are cut in two", () => {
    for (let offset = 0; offset <= bytes.length; offset++)
      expect(parseAll([bytes.subarray(0, offset), bytes.subarray(offset)])).toEqual(expected);
  });

  it("gives the same records for text cut in two at every character, and one byte at a time", () => {
    for (let offset = 0; offset <= sample.length; offset++)
      expect(parseAll([sample.slice(0, offset), sample.slice(offset)])).toEqual(expected);
    expect(parseAll([...bytes].map((byte) => Uint8Array.of(byte)))).toEqual(expected);
  });

  it("returns each record as soon as its blank line arrives", () => {
    const parser = createSseParser();
    expect(parser.push("data: a\n")).toEqual([]);
    expect(parser.push("\r")).toEqual([{ data: "a" }]);
    // The \n after that \r is the same line end, not a second blank line.
    expect(parser.push("\ndata: b\r\n\r\n")).toEqual([{ data: "b" }]);
  });

  it("delivers a last record whose blank line never came, and strips a byte-order mark", () => {
    expect(parseAll(["\ufeffdata: one\n\n", 'data: {"usage":{}}'])).toEqual([{ data: "one" }, { data: '{"usage":{}}' }]);
    expect(parseAll([Uint8Array.of(0xef, 0xbb), Uint8Array.of(0xbf, 0x64, 0x61, 0x74, 0x61, 0x3a, 0x78, 0x0a)])).toEqual([{ data: "x" }]);
  });
});

describe("serializeSseRecord", () => {
  it("writes event and one data line per line, and parses back to the same records", () => {
    expect(serializeSseRecord({ event: "message_stop", data: '{"type":"message_stop"}' })).toBe(
      'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    );
    expect(serializeSseRecord({ data: "a\r\nb\nc" })).toBe("data: a\ndata: b\ndata: c\n\n");
    const records = [...expected.slice(0, -1), { data: "a\nb" }, { data: "" }, { data: SSE_DONE }];
    expect(parseAll([records.map(serializeSseRecord).join("")])).toEqual(records);
  });
});
