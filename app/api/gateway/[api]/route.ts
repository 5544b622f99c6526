// ANY /api/gateway/{api} - the API's root path; the same gateway as /api/gateway/{api}/{...path}.
import { serveGatewayRequest } from "@/lib/gateway/next-adapter";

export const dynamic = "force-dynamic";

const handler = (request: Request) => serveGatewayRequest(request);

export { handler as GET, handler as HEAD, handler as POST, handler as PUT, handler as PATCH, handler as DELETE, handler as OPTIONS };
