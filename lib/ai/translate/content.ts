// One piece of content in either format. Anthropic text blocks and OpenAI text parts have the same
// shape; images differ (a source object against one URL, data: URLs for inline bytes).
import type { ImageBlock, TextBlock } from "@/lib/ai/anthropic/content-blocks";
import type { ImagePart, TextPart } from "@/lib/ai/openai/chat-messages";

/**
 * Anthropic's prompt-cache mark rides along on the translated part or message (the convention
 * OpenRouter and LiteLLM read), so a call that ends at an Anthropic provider still hits its cache.
 */
export function keepCacheControl<T extends object>(target: T, source: Readonly<Record<string, unknown>>): T {
  return source.cache_control === undefined ? target : { ...target, cache_control: source.cache_control };
}

export const toTextPart = (block: TextBlock): TextPart => keepCacheControl({ type: "text", text: block.text }, block);

export const toTextBlock = (part: TextPart): TextBlock => keepCacheControl({ type: "text", text: part.text }, part);

export function toImagePart(block: ImageBlock): ImagePart {
  const { source } = block;
  const url = source.type === "base64" ? `data:${source.media_type};base64,${source.data}` : source.url;
  return keepCacheControl({ type: "image_url", image_url: { url } }, block);
}

// The request schema admits only these two forms, so the regular expression always matches a data: URL.
const DATA_URL = /^data:([^;,]+);base64,(.*)$/is;

export function toImageBlock(part: ImagePart): ImageBlock {
  const { url } = part.image_url;
  const inline = DATA_URL.exec(url);
  const source = inline ? { type: "base64" as const, media_type: inline[1], data: inline[2] } : { type: "url" as const, url };
  return keepCacheControl({ type: "image", source }, part);
}

/** Text content in either format (a string, or text parts/blocks) as one string, parts joined without a separator. */
export function joinText(content: string | readonly { type: string; text?: string }[] | null | undefined): string {
  if (typeof content === "string") return content;
  return (content ?? []).map((part) => part.text ?? "").join("");
}
