// The one place the gateway meets the web server: client address, scheme and host under the
// trusted-proxy rule, then the framework-free handler.
import { handleGatewayRequest } from "@/lib/gateway/handle-gateway-request";
import { clientFromRequest } from "@/lib/http/client-address";

export function serveGatewayRequest(request: Request): Promise<Response> {
  // Next.js does not expose the socket; scripts/serve.ts hands it over (lib/http/client-address.ts).
  return handleGatewayRequest(request, clientFromRequest(request));
}
