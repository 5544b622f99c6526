// An in-memory OAuthClientProvider of the official MCP SDK: the interface every SDK-based MCP client
// implements to sign in. It keeps what the SDK hands it and records where it was told to send the
// person (the authorization URL), so a test can play the person.
import type { OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from "@modelcontextprotocol/sdk/shared/auth.js";

export class MemoryOAuthProvider implements OAuthClientProvider {
  client?: OAuthClientInformationMixed;
  saved?: OAuthTokens;
  verifier = "";
  authorizationUrl?: URL;
  readonly expectedState = `state-${Date.now()}-${Math.random().toString(36).slice(2)}`;

  constructor(
    readonly redirectUrl: string,
    readonly clientName = "E2E Agent",
  ) {}

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.clientName,
      redirect_uris: [this.redirectUrl],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    };
  }
  state = () => this.expectedState;
  clientInformation = () => this.client;
  saveClientInformation = (info: OAuthClientInformationMixed) => void (this.client = info);
  tokens = () => this.saved;
  saveTokens = (tokens: OAuthTokens) => void (this.saved = tokens);
  redirectToAuthorization = (url: URL) => void (this.authorizationUrl = url);
  saveCodeVerifier = (verifier: string) => void (this.verifier = verifier);
  codeVerifier = () => this.verifier;
}

/** A bare `tools/list` with the provider's access token: what the MCP endpoint answers that token. */
export function listToolsWith(serverUrl: URL, provider: MemoryOAuthProvider): Promise<Response> {
  return fetch(serverUrl, {
    method: "POST",
    headers: {
      authorization: `Bearer ${provider.saved!.access_token}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
  });
}
