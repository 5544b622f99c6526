// The OpenAPI document as the portal's reference (Scalar) shows it. Calls go through the gateway, which
// always takes the team key as a bearer token: a document that declares no security scheme gets that
// one, so the reference lists it and its copied curl samples carry an `Authorization: Bearer` header
// placeholder. A document that declares its own schemes is shown as written. The stored document is
// not changed.

export const GATEWAY_KEY_SCHEME = "TollgateKey";

const gatewayKeyScheme = {
  type: "http",
  scheme: "bearer",
  description: "Your Tollgate team key (`tg_live_…`), from the team's Keys page. The gateway also accepts it in `X-API-Key`.",
};

type Document = Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Whether the document names any security scheme (OpenAPI 3: components.securitySchemes; Swagger 2: securityDefinitions). */
function declaresSecurity(document: Document): boolean {
  const components = document.components;
  const schemes = isRecord(components) ? components.securitySchemes : undefined;
  const definitions = document.securityDefinitions;
  return (isRecord(schemes) && Object.keys(schemes).length > 0) || (isRecord(definitions) && Object.keys(definitions).length > 0);
}

export function withGatewayKeyScheme(document: Document): { document: Document; preferredScheme: string | null } {
  if (declaresSecurity(document) || typeof document.openapi !== "string") return { document, preferredScheme: null };
  const components = isRecord(document.components) ? document.components : {};
  return {
    document: {
      ...document,
      components: { ...components, securitySchemes: { [GATEWAY_KEY_SCHEME]: gatewayKeyScheme } },
      security: [{ [GATEWAY_KEY_SCHEME]: [] }],
    },
    preferredScheme: GATEWAY_KEY_SCHEME,
  };
}
