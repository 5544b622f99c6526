// The demo provider's models: what it serves (GET /models) and what the seed registers, in one place.
import { decimalToMicros } from "@/lib/money";

export type DemoAiModel = {
  id: string;
  displayName: string;
  kind: "CHAT" | "EMBEDDINGS";
  contextWindow: number;
  maxOutputTokens: number;
  /** micro-units per 1M tokens */
  inputPrice: bigint;
  cachedInputPrice: bigint;
  outputPrice: bigint;
};

export const DEMO_AI_MODELS: readonly DemoAiModel[] = [
  {
    id: "demo-chat",
    displayName: "Demo Chat",
    kind: "CHAT",
    contextWindow: 32_768,
    maxOutputTokens: 1_024,
    inputPrice: decimalToMicros("0.10"),
    cachedInputPrice: decimalToMicros("0.025"),
    outputPrice: decimalToMicros("0.40"),
  },
  {
    id: "demo-embed",
    displayName: "Demo Embeddings",
    kind: "EMBEDDINGS",
    contextWindow: 8_192,
    maxOutputTokens: 0,
    inputPrice: decimalToMicros("0.02"),
    cachedInputPrice: 0n,
    outputPrice: 0n,
  },
];

/** The demo's models were created together with the app; a fixed date keeps GET /models deterministic. */
export const DEMO_AI_CREATED = Math.floor(Date.UTC(2025, 0, 1) / 1000);

export function findDemoModel(id: string): DemoAiModel | undefined {
  return DEMO_AI_MODELS.find((model) => model.id === id);
}
