// Fixed values of the fake AI provider, so its answers are the same on every run.

/** `created` of every answer and model (2023-11-14T22:13:20Z). */
export const FAKE_CREATED = 1_700_000_000;

/** The output cap when a request sets none (Tollgate always sends one). */
export const FAKE_DEFAULT_MAX_TOKENS = 4_096;

export const FAKE_API_KEY = "sk-fake-provider-key";

/** What GET /v1/models lists; chat and embeddings accept any model name. */
export const FAKE_MODELS = ["fake-chat", "fake-embed"] as const;
