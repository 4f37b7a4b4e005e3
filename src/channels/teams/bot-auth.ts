/**
 * Bot Framework authentication of the Teams channel (docs/teams.md).
 *
 * - Incoming: botbuilder's `ConfigurationBotFrameworkAuthentication` checks each
 *   activity's JWT as the Bot Framework requires: the issuer, the signature
 *   against the keys of the OpenID metadata, the audience (our app id), the
 *   `serviceurl` claim against the activity, and the key's channel endorsement.
 * - Outgoing: a token of the app from the OAuth2 client-credentials grant at
 *   `<login URL>/oauth2/v2.0/token` (Microsoft Entra ID), cached until 5 minutes
 *   before it expires. botbuilder's own client (MSAL) refuses any authority but
 *   https, so it cannot be pointed at a local fake; this small client can, and
 *   it is the same code in tests and in production. With a user-assigned
 *   managed identity (MICROSOFT_APP_TYPE=UserAssignedMSI) botbuilder's managed
 *   identity credentials are used instead (not covered by the tests).
 *
 * The endpoints default to the public Azure cloud; the BOTFRAMEWORK_* settings
 * override them (tests point them at test/support/fake-teams.ts).
 */
import { ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory } from 'botbuilder';

/** botbuilder's ServiceClientCredentialsFactory, as the constructor takes it (botframework-connector is not a direct dependency). */
type CredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;

/** The public Azure cloud's Bot Framework endpoints (botframework-connector AuthenticationConstants). */
export const PUBLIC_CLOUD = {
  openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  tokenIssuer: 'https://api.botframework.com',
  loginUrlPrefix: 'https://login.microsoftonline.com/',
  multiTenantAuthority: 'botframework.com',
  oauthScope: 'https://api.botframework.com',
  emulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
} as const;

export interface TeamsAuthSettings {
  appId: string;
  password?: string | undefined;
  tenantId?: string | undefined;
  appType?: string | undefined;
  openIdMetadataUrl?: string | undefined;
  tokenIssuer?: string | undefined;
  loginUrl?: string | undefined;
  oauthScope?: string | undefined;
}

export interface BotFrameworkEndpoints {
  openIdMetadataUrl: string;
  tokenIssuer: string;
  /** Authority of outgoing tokens: `…/botframework.com` (multi-tenant) or `…/<tenant id>` (single tenant). */
  loginUrl: string;
  oauthScope: string;
}

export function botFrameworkEndpoints(s: TeamsAuthSettings): BotFrameworkEndpoints {
  const singleTenant = s.appType === 'SingleTenant' || s.appType === 'UserAssignedMSI';
  return {
    openIdMetadataUrl: s.openIdMetadataUrl ?? PUBLIC_CLOUD.openIdMetadataUrl,
    tokenIssuer: s.tokenIssuer ?? PUBLIC_CLOUD.tokenIssuer,
    loginUrl: (s.loginUrl ?? `${PUBLIC_CLOUD.loginUrlPrefix}${singleTenant && s.tenantId ? s.tenantId : PUBLIC_CLOUD.multiTenantAuthority}`).replace(/\/+$/, ''),
    oauthScope: s.oauthScope ?? PUBLIC_CLOUD.oauthScope,
  };
}

/** Why a token could not be had: `status` is the token endpoint's HTTP status (0: no answer). */
export class AppTokenError extends Error {
  constructor(readonly status: number, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AppTokenError';
  }

  /** The credentials themselves were refused (a wrong secret or app id): trying again will not help. */
  get refused(): boolean {
    return this.status === 400 || this.status === 401 || this.status === 403;
  }
}

/** A bearer token of the app for the Bot Connector service. */
export interface AppTokenSource {
  token(): Promise<string>;
  /** Forgets the cached token (the service answered 401 with it). */
  invalidate(): void;
}

const REFRESH_MARGIN_MS = 5 * 60_000;
const TOKEN_TIMEOUT_MS = 10_000;

/** OAuth2 client credentials (`grant_type=client_credentials`, scope `<oauthScope>/.default`), one request at a time. */
export function clientCredentialsToken(args: { appId: string; password: string; loginUrl: string; oauthScope: string; now?: () => number }): AppTokenSource {
  const now = args.now ?? Date.now;
  let cached: { token: string; until: number } | undefined;
  let inFlight: Promise<string> | undefined;
  const scope = args.oauthScope.endsWith('/.default') ? args.oauthScope : `${args.oauthScope.replace(/\/+$/, '')}/.default`;

  async function fetchToken(): Promise<string> {
    let res: Response;
    try {
      res = await fetch(`${args.loginUrl}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: args.appId, client_secret: args.password, scope }).toString(),
        signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
      });
    } catch (error) {
      throw new AppTokenError(0, `token endpoint unreachable (${error instanceof Error ? error.name : 'error'})`, { cause: error });
    }
    const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; error?: unknown };
    if (!res.ok || typeof body.access_token !== 'string') {
      // `error` is an OAuth error code (invalid_client …): safe to log, unlike the description.
      throw new AppTokenError(res.status, `token endpoint answered HTTP ${res.status}${typeof body.error === 'string' ? ` ${body.error}` : ''}`);
    }
    const seconds = Number(body.expires_in);
    cached = { token: body.access_token, until: now() + (Number.isFinite(seconds) ? seconds * 1000 : 3600_000) - REFRESH_MARGIN_MS };
    return body.access_token;
  }

  return {
    token() {
      if (cached && cached.until > now()) return Promise.resolve(cached.token);
      inFlight ??= fetchToken().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

/** botbuilder's credentials factory over our token source: in-turn replies of the CloudAdapter carry the same token. */
function tokenCredentialsFactory(appId: string, tokens: AppTokenSource): CredentialsFactory {
  const factory = {
    isValidAppId: async (candidate: string) => candidate === appId,
    isAuthenticationDisabled: async () => false,
    async createCredentials(forAppId: string) {
      if (forAppId !== appId) throw new Error('Invalid appId.');
      return {
        async signRequest<T extends { headers: { set(name: string, value: string): void } }>(webResource: T): Promise<T> {
          webResource.headers.set('authorization', `Bearer ${await tokens.token()}`);
          return webResource;
        },
      };
    },
  };
  return factory as unknown as CredentialsFactory;
}

export interface TeamsAuth {
  /** For the CloudAdapter: validates incoming activities, signs in-turn replies. */
  authentication: ConfigurationBotFrameworkAuthentication;
  /** For the outbox transport. */
  tokens: AppTokenSource;
  endpoints: BotFrameworkEndpoints;
}

export function createTeamsAuth(s: TeamsAuthSettings): TeamsAuth {
  const endpoints = botFrameworkEndpoints(s);
  let tokens: AppTokenSource;
  let credentials: CredentialsFactory;
  if (s.appType === 'UserAssignedMSI') {
    const msi = new ConfigurationServiceClientCredentialFactory({ MicrosoftAppId: s.appId, MicrosoftAppType: 'UserAssignedMsi', MicrosoftAppTenantId: s.tenantId });
    credentials = msi as unknown as CredentialsFactory;
    tokens = {
      async token() {
        const c = (await msi.createCredentials(s.appId, endpoints.oauthScope, endpoints.loginUrl, true)) as unknown as { getToken(force?: boolean): Promise<string> };
        return c.getToken();
      },
      invalidate: () => undefined,
    };
  } else {
    if (!s.password) throw new Error('MICROSOFT_APP_PASSWORD is required unless MICROSOFT_APP_TYPE is UserAssignedMSI');
    tokens = clientCredentialsToken({ appId: s.appId, password: s.password, loginUrl: endpoints.loginUrl, oauthScope: endpoints.oauthScope });
    credentials = tokenCredentialsFactory(s.appId, tokens);
  }
  const authentication = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: s.appId,
      ...(s.tenantId ? { MicrosoftAppTenantId: s.tenantId } : {}),
      ToBotFromChannelOpenIdMetadataUrl: endpoints.openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: endpoints.tokenIssuer,
      ToChannelFromBotLoginUrl: endpoints.loginUrl,
      ToChannelFromBotOAuthScope: endpoints.oauthScope,
      ToBotFromEmulatorOpenIdMetadataUrl: PUBLIC_CLOUD.emulatorOpenIdMetadataUrl,
      OAuthUrl: PUBLIC_CLOUD.tokenIssuer,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: true,
    },
    credentials,
  );
  return { authentication, tokens, endpoints };
}
