// What the playground sends (POST /api/playground) and the limits it works within. Shared by the
// route, the core and the client component (types and constants only there).
import { z } from "zod";

/** A request body above this is refused before it is parsed (the playground's own limit, not a plan's). */
export const PLAYGROUND_MAX_REQUEST_BYTES = 256 * 1024;
export const PLAYGROUND_MAX_MESSAGES = 50;
export const PLAYGROUND_MAX_TEXT = 32_000;

const text = (what: string) =>
  z.string().max(PLAYGROUND_MAX_TEXT, `${what} is at most ${PLAYGROUND_MAX_TEXT.toLocaleString("en")} characters.`);

export const playgroundMessageSchema = z.object({
  role: z.enum(["user", "assistant"], "A message is from the user or the assistant."),
  content: text("A message").min(1, "A message cannot be empty."),
});

export const playgroundRequestSchema = z.object({
  team: z.string().min(1, "Pick a team.").max(100),
  keyId: z.string().min(1, "Pick a key.").max(100),
  api: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "Not an API slug."),
  model: z.string().min(1, "Pick a model.").max(200),
  system: text("The system prompt").default(""),
  messages: z
    .array(playgroundMessageSchema)
    .min(1, "Write a message.")
    .max(PLAYGROUND_MAX_MESSAGES, `A conversation here has at most ${PLAYGROUND_MAX_MESSAGES} messages; clear it to go on.`)
    .refine((messages) => messages.at(-1)?.role === "user", "The last message is the user's."),
});

export type PlaygroundMessage = z.infer<typeof playgroundMessageSchema>;
export type PlaygroundRequest = z.input<typeof playgroundRequestSchema>;
