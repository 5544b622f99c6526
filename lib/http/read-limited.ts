// Reads a body stream up to a byte limit and stops there, so neither a large request to the try-it console
// nor a large answer from an API, nor a large upload to the demo upstream can make the server buffer
// without bound.
export async function readLimited(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!stream) return { bytes: new Uint8Array(), truncated: false };
  let size = 0;
  let truncated = false;
  const limited = stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const room = limit - size;
        if (chunk.byteLength <= room) {
          size += chunk.byteLength;
          return controller.enqueue(chunk);
        }
        truncated = true;
        controller.enqueue(chunk.subarray(0, room));
        // Ends the output and cancels the source: the producer (the gateway's relay) stops sending.
        controller.terminate();
      },
    }),
  );
  return { bytes: new Uint8Array(await new Response(limited).arrayBuffer()), truncated };
}
