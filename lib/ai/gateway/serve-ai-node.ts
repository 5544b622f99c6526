// The AI gateway on node:http (scripts/serve.ts mounts it on /api/ai/v1/), as the REST gateway is
// served (lib/gateway/node-call.ts) and sharing its plumbing: node's request read in place as an
// IncomingCall (the JSON body read whole from the socket), the answer written by the gateway's own
// writer: a JSON answer in one write with its content-length, a stream with node's back-pressure, and
// a caller who hangs up aborts the provider request and cancels the stream (which settles it).
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerOnNode, type NodeMountOptions } from "@/lib/gateway/node-adapter";
import { callFromNode, writeAnswer } from "@/lib/gateway/node-call";
import { answerAiCall } from "@/lib/ai/gateway/handle-ai-request";

export function serveAiNode(req: IncomingMessage, res: ServerResponse, origin: string, options: NodeMountOptions = {}): Promise<void> {
  return answerOnNode(res, options, async (signal, relay) => {
    const answer = await answerAiCall(callFromNode(req, origin, signal));
    await writeAnswer(answer, req, res, relay);
  });
}
