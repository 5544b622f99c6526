// ANY /api/gateway/{api}/{...path} - the metered gateway: authenticate, rate-limit, charge, forward (lib/gateway).
import { serveGatewayRequest } from "@/lib/gateway/next-adapter";

export const dynamic = "force-dynamic";

const handler = (request: Request) => serveGatewayRequest(request);

export { handler as GET, handler as HEAD, handler as POST, handler as PUT, handler as PATCH, handler as DELETE, handler as OPTIONS };
