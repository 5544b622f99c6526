// The one place the gateway meets the web server: client address and origin from the request
// headers the server (Next.js, or a proxy in front of it) sets, then the framework-free handler.
import { handleGatewayRequest } from "@/lib/gateway/handle-gateway-request";

export function serveGatewayRequest(request: Request): Promise<Response> {
  const url = new URL(request.url);
  // Next.js passes on the x-forwarded-for a proxy sent, or sets it from the socket when there is none.
  return handleGatewayRequest(request, {
    ip: null,
    proto: request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", ""),
    host: request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host,
  });
}
