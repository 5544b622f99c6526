// How a test tells the fake AI provider to misbehave, per request: switches appended to the model name
// (`fake-chat+cached:12+chunk-size:3`: what a deployment's provider model can carry through Tollgate)
// or listed in an `x-fake-behaviour` header (`cached:12, chunk-size:3`: what a provider's extra headers
// can carry). Both lists apply; an unknown switch is a 400, so a typo never passes as a normal answer.

export type FakeBehaviour = {
  /** `omit-usage`: no usage in the answer, nor a usage chunk even when include_usage asks for one */
  omitUsage: boolean;
  /** `cached:N`: N of the input tokens are reported as cached (at most all of them) */
  cachedTokens: number;
  /** `cache-write:N` (Anthropic): N input tokens reported as cache_creation_input_tokens */
  cacheWriteTokens: number;
  /** `tool-call`: answer with a call to the first tool given (or the one tool_choice names) */
  toolCall: boolean;
  /** `error-before:S`: answer status S (429, 500, 503, 529…) in the provider's error shape, before any output */
  errorBefore: number | null;
  /** `error-mid-stream:K`: write K stream events (OpenAI `data:` lines, Anthropic events), then reset the connection; a non-streamed answer is cut in half */
  errorMidStream: number | null;
  /** `error-event:K`: write K stream events, then the provider's in-band error event, then end cleanly */
  errorEvent: number | null;
  /** `hang`: read the request and never answer */
  hang: boolean;
  /** `stall-after:K`: write K stream events, then nothing more until the client leaves (it cannot have received more) */
  stallAfter: number | null;
  /** `delay-ms:M`: wait M ms between stream events, and before a non-streamed answer */
  delayMs: number;
  /** `chunk-size:N`: N tokens of text (or tool arguments) per stream event; 1 by default */
  chunkSize: number;
};

/** A request without switches: a complete, prompt, well-formed answer. */
export const NO_BEHAVIOUR: Readonly<FakeBehaviour> = {
  omitUsage: false,
  cachedTokens: 0,
  cacheWriteTokens: 0,
  toolCall: false,
  errorBefore: null,
  errorMidStream: null,
  errorEvent: null,
  hang: false,
  stallAfter: null,
  delayMs: 0,
  chunkSize: 1,
};

const FLAGS = { "omit-usage": "omitUsage", "tool-call": "toolCall", hang: "hang" } as const;
const NUMBERS = {
  cached: "cachedTokens",
  "cache-write": "cacheWriteTokens",
  "error-before": "errorBefore",
  "error-mid-stream": "errorMidStream",
  "error-event": "errorEvent",
  "stall-after": "stallAfter",
  "delay-ms": "delayMs",
  "chunk-size": "chunkSize",
} as const;

/** The switches of one request; an Error names the switch that is not understood. */
export function parseBehaviour(model: string, header: string | undefined): FakeBehaviour | Error {
  const switches = [...model.split("+").slice(1), ...(header ?? "").split(/[\s,]+/)].filter(Boolean);
  const behaviour: FakeBehaviour = { ...NO_BEHAVIOUR };
  for (const item of switches) {
    const [name = "", value] = item.split(":");
    if (name in FLAGS && value === undefined) {
      behaviour[FLAGS[name as keyof typeof FLAGS]] = true;
      continue;
    }
    const count = Number(value);
    if (!(name in NUMBERS) || value === undefined || !Number.isSafeInteger(count) || count < 0)
      return new Error(`unknown fake behaviour "${item}"`);
    behaviour[NUMBERS[name as keyof typeof NUMBERS]] = count;
  }
  if (behaviour.errorBefore !== null && (behaviour.errorBefore < 400 || behaviour.errorBefore > 599))
    return new Error("error-before takes a 4xx or 5xx status");
  if (behaviour.chunkSize < 1) return new Error("chunk-size must be at least 1");
  return behaviour;
}
